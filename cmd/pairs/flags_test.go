package pairs

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
		{args: []string{"contoso.com"}, want: Options{Args: []string{"contoso.com"}, Direction: "all"}},
		{args: []string{"a.com", "--direction", "parent", "--since", "2w", "--until", "2024-01-31T00:00:00Z"}, want: Options{Args: []string{"a.com"}, Direction: "parent", Since: "2w", Until: "2024-01-31T00:00:00Z"}},
		{args: []string{"a.com", "--direction", "child", "--filter", "linkKind eq 'redirect'", "--orderby", "firstSeenDateTime"}, want: Options{Args: []string{"a.com"}, Direction: "child", Filter: "linkKind eq 'redirect'", OrderBy: "firstSeenDateTime"}},
		{args: []string{"a.com", "--direction", "up"}, err: `invalid --direction "up": want all, parent or child`},
		{args: []string{"a.com", "--direction", "Parent"}, err: `invalid --direction "Parent"`},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdPairs(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
		if got.Now == nil {
			t.Errorf("%q: no clock", tt.args)
		}
		got.Now = nil
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}
