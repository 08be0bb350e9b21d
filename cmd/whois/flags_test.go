package whois

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdWhois, []sharedtest.FlagCase[Options]{
		{Args: []string{"contoso.com"}, Want: Options{Args: []string{"contoso.com"}}},
		{Args: []string{"contoso.com", "--history", "--since", "365d", "--until", "2024-01-31"}, Want: Options{Args: []string{"contoso.com"}, History: true, Since: "365d", Until: "2024-01-31"}},
		{Args: []string{"contoso.com", "--since", "30d"}, Err: "--since and --until need --history"},
		{Args: []string{"contoso.com", "--until", "2024-01-31"}, Err: "--since and --until need --history"},
		{Args: []string{"contoso.com", "--history=often"}, Err: `invalid argument "often" for "--history"`},
	}, func(t testing.TB, o *Options) {
		sharedtest.ClearDeps(t, &o.Deps)
		sharedtest.ClearClock(t, &o.Now)
	})
}
