package cmd_test

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// BenchmarkNewRoot is the cost of building the whole command tree, paid by every run
// including `mdti version`: it must stay a fraction of a millisecond.
func BenchmarkNewRoot(b *testing.B) {
	ios, _, _, _ := iostreams.Test()
	for b.Loop() {
		_, _, cleanup := cmd.NewRoot(ios, func(string) string { return "" })
		cleanup()
	}
}
