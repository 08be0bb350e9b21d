// Package lazy defers work from program start to first use: `mdti version` and `--help`
// must start as fast as a bare Cobra program, so no package compiles regexps at init.
package lazy

import (
	"regexp"
	"sync"
)

// Regexp returns a function compiling expr on its first call and returning the same
// *regexp.Regexp afterwards. It panics on a bad expression, like regexp.MustCompile.
func Regexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
