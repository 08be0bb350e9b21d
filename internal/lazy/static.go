package lazy

import (
	"regexp"
	"sync"
)

// Pattern is a regexp compiled on its first use. Unlike Regexp, a package-level Pattern is
// static data: declaring one runs no code at start-up, so the package stays out of
// GODEBUG=inittrace=1. It panics on a bad expression, like regexp.MustCompile.
//
//	var numeric = lazy.Pattern{Expr: `^[0-9]+$`}
//	numeric.Get().MatchString(s)
type Pattern struct {
	Expr string
	once sync.Once
	re   *regexp.Regexp
}

// Get compiles the expression on the first call and returns the same *regexp.Regexp after.
func (p *Pattern) Get() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.Expr) })
	return p.re
}

// Value is a value built by New on its first use. A package-level Value whose New is a
// function literal capturing nothing is static data, like Pattern: use it for the tables
// (maps) a package would otherwise build at start-up.
//
//	var knownOptions = lazy.Value[map[string]bool]{New: func() map[string]bool { return ... }}
//	knownOptions.Get()["$top"]
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get builds the value on the first call and returns the same value after.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.New() })
	return l.v
}
