package profile

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
		{args: []string{}, want: Options{Args: []string{}}},
		{args: []string{"--search", "ACTINIUM", "--filter", "kind eq 'actor'", "--orderby", "firstActiveDateTime desc"}, want: Options{Args: []string{}, Search: "ACTINIUM", Filter: "kind eq 'actor'", OrderBy: "firstActiveDateTime desc"}},
		{args: []string{"actinium"}, want: Options{Args: []string{"actinium"}}},
		{args: []string{"--filter"}, err: "flag needs an argument: --filter"},
		{args: []string{"--since", "30d"}, err: "unknown flag: --since"},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdProfile(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
