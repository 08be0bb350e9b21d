package lazy

import (
	"sync"
	"testing"
)

var builds int

var counted = Value[[]int]{New: func() []int { builds++; return []int{builds} }}

// A Value is built once, on the first Get, however many goroutines ask at once.
func TestValueBuildsOnceOnFirstGet(t *testing.T) {
	if builds != 0 {
		t.Fatalf("built %d times before any Get", builds)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := counted.Get(); got[0] != 1 {
				t.Errorf("Get = %v, want the first build", got)
			}
		})
	}
	wg.Wait()
	if builds != 1 {
		t.Fatalf("built %d times, want 1", builds)
	}
}

func TestPatternCompilesOnce(t *testing.T) {
	p := &Pattern{Expr: `^a+$`}
	first := p.Get()
	if again := p.Get(); again != first {
		t.Fatal("Pattern compiled its expression twice")
	}
	if !first.MatchString("aa") || first.MatchString("b") {
		t.Fatal("Pattern compiled another expression")
	}
}
