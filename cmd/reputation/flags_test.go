package reputation

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want Options
		err  string
	}{
		{args: []string{"contoso.com"}, want: Options{Args: []string{"contoso.com"}, MaxScore: -1}},
		{args: []string{"a.com", "b.com", "--fail-on", "malicious"}, want: Options{Args: []string{"a.com", "b.com"}, FailOn: "malicious", MaxScore: -1}},
		{args: []string{"--fail-on", "Suspicious", "--max-score", "0", "a.com"}, want: Options{Args: []string{"a.com"}, FailOn: "Suspicious", MaxScore: 0}},
		{args: []string{"--max-score", "100"}, want: Options{Args: []string{}, MaxScore: 100}},
		{args: []string{"--fail-on", "neutral", "a.com"}, err: `invalid --fail-on "neutral": want suspicious or malicious`},
		{args: []string{"--fail-on", "bogus", "a.com"}, err: `invalid --fail-on "bogus"`},
		{args: []string{"--max-score", "101", "a.com"}, err: `invalid argument "101" for "--max-score" flag: want 0 to 100`},
		{args: []string{"--max-score", "-1", "a.com"}, err: "leave --max-score out to turn it off"},
		{args: []string{"--max-score", "high", "a.com"}, err: `invalid argument "high" for "--max-score"`},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdReputation(sharedtest.Factory(), func(_ context.Context, o *Options) error {
			got = o
			return nil
		}), tt.args...)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || got != nil {
				t.Errorf("%q: error %v, want %q and no run", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil || got == nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if got.IO == nil || got.Flags == nil {
			t.Errorf("%q: dependencies not passed", tt.args)
		}
		got.Deps = shared.Deps{}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}

// Help shows no "(default -1)": the gate is off when the flag is not given.
func TestMaxScoreHelpHasNoDefault(t *testing.T) {
	c := NewCmdReputation(sharedtest.Factory(), nil)
	usage := c.Flags().FlagUsages()
	if !strings.Contains(usage, "--max-score N") || strings.Contains(usage, "default -1") {
		t.Fatalf("usage:\n%s", usage)
	}
}
