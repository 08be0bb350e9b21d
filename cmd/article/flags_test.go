package article

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdArticle, []sharedtest.FlagCase[Options]{
		{Args: []string{}, Want: Options{Args: []string{}}},
		{Args: []string{"--search", "Batloader", "--orderby", "createdDateTime desc"}, Want: Options{Args: []string{}, Search: "Batloader", OrderBy: "createdDateTime desc"}},
		{Args: []string{"a272d5ab", "831b70a4"}, Want: Options{Args: []string{"a272d5ab", "831b70a4"}}},
		{Args: []string{"--search"}, Err: "flag needs an argument: --search"},
		{Args: []string{"--filter", "x"}, Err: "unknown flag: --filter"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
