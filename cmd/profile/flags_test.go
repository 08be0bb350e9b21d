package profile

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdProfile, []sharedtest.FlagCase[Options]{
		{Args: []string{}, Want: Options{Args: []string{}}},
		{Args: []string{"--search", "ACTINIUM", "--filter", "kind eq 'actor'", "--orderby", "firstActiveDateTime desc"}, Want: Options{Args: []string{}, Search: "ACTINIUM", Filter: "kind eq 'actor'", OrderBy: "firstActiveDateTime desc"}},
		{Args: []string{"actinium"}, Want: Options{Args: []string{"actinium"}}},
		{Args: []string{"--filter"}, Err: "flag needs an argument: --filter"},
		{Args: []string{"--since", "30d"}, Err: "unknown flag: --since"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
