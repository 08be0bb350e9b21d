package reputation

import (
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdReputation, []sharedtest.FlagCase[Options]{
		{Args: []string{"contoso.com"}, Want: Options{Args: []string{"contoso.com"}, MaxScore: -1}},
		{Args: []string{"a.com", "b.com", "--fail-on", "malicious"}, Want: Options{Args: []string{"a.com", "b.com"}, FailOn: "malicious", MaxScore: -1}},
		{Args: []string{"--fail-on", "Suspicious", "--max-score", "0", "a.com"}, Want: Options{Args: []string{"a.com"}, FailOn: "Suspicious", MaxScore: 0}},
		{Args: []string{"--max-score", "100"}, Want: Options{Args: []string{}, MaxScore: 100}},
		{Args: []string{"--fail-on", "neutral", "a.com"}, Err: `invalid --fail-on "neutral": want suspicious or malicious`},
		{Args: []string{"--fail-on", "bogus", "a.com"}, Err: `invalid --fail-on "bogus"`},
		{Args: []string{"--max-score", "101", "a.com"}, Err: `invalid argument "101" for "--max-score" flag: want 0 to 100`},
		{Args: []string{"--max-score", "-1", "a.com"}, Err: "leave --max-score out to turn it off"},
		{Args: []string{"--max-score", "high", "a.com"}, Err: `invalid argument "high" for "--max-score"`},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}

// Help shows no "(default -1)": the gate is off when the flag is not given.
func TestMaxScoreHelpHasNoDefault(t *testing.T) {
	c := NewCmdReputation(sharedtest.Factory(), nil)
	usage := c.Flags().FlagUsages()
	if !strings.Contains(usage, "--max-score N") || strings.Contains(usage, "default -1") {
		t.Fatalf("usage:\n%s", usage)
	}
}
