package certs

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdCerts, []sharedtest.FlagCase[Options]{
		{Args: []string{"contoso.com"}, Want: Options{Args: []string{"contoso.com"}}},
		{Args: []string{"a.com", "b.com", "--orderby", "lastSeenDateTime desc"}, Want: Options{Args: []string{"a.com", "b.com"}, OrderBy: "lastSeenDateTime desc"}},
		{Args: []string{"--orderby"}, Err: "flag needs an argument: --orderby"},
		{Args: []string{"--order", "x", "a.com"}, Err: "unknown flag: --order"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
