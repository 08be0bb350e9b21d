package cmd

import (
	"runtime/debug"
	"testing"
)

// `go install …@v1.2.3` builds report v1.2.3; a checkout build keeps "dev".
func TestModuleVersion(t *testing.T) {
	for _, tt := range []struct {
		main string
		ok   bool
		want string
	}{{"v1.2.3", true, "v1.2.3"}, {"(devel)", true, "dev"}, {"", true, "dev"}, {"v9.9.9", false, "dev"}} {
		info := func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: "github.com/mdti-cli/mdti", Version: tt.main}}, tt.ok
		}
		if got := moduleVersion("dev", info); got != tt.want {
			t.Errorf("main version %q (ok %v): %q, want %q", tt.main, tt.ok, got, tt.want)
		}
	}
}
