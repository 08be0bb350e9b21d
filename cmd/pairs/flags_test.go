package pairs

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdPairs, []sharedtest.FlagCase[Options]{
		{Args: []string{"contoso.com"}, Want: Options{Args: []string{"contoso.com"}, Direction: "all"}},
		{Args: []string{"a.com", "--direction", "parent", "--since", "2w", "--until", "2024-01-31T00:00:00Z"}, Want: Options{Args: []string{"a.com"}, Direction: "parent", Since: "2w", Until: "2024-01-31T00:00:00Z"}},
		{Args: []string{"a.com", "--direction", "child", "--filter", "linkKind eq 'redirect'", "--orderby", "firstSeenDateTime"}, Want: Options{Args: []string{"a.com"}, Direction: "child", Filter: "linkKind eq 'redirect'", OrderBy: "firstSeenDateTime"}},
		{Args: []string{"a.com", "--direction", "up"}, Err: `invalid --direction "up": want all, parent or child`},
		{Args: []string{"a.com", "--direction", "Parent"}, Err: `invalid --direction "Parent"`},
	}, func(t testing.TB, o *Options) {
		sharedtest.ClearDeps(t, &o.Deps)
		sharedtest.ClearClock(t, &o.Now)
	})
}
