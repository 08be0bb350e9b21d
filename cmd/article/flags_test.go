package article

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
		{args: []string{"--search", "Batloader", "--orderby", "createdDateTime desc"}, want: Options{Args: []string{}, Search: "Batloader", OrderBy: "createdDateTime desc"}},
		{args: []string{"a272d5ab", "831b70a4"}, want: Options{Args: []string{"a272d5ab", "831b70a4"}}},
		{args: []string{"--search"}, err: "flag needs an argument: --search"},
		{args: []string{"--filter", "x"}, err: "unknown flag: --filter"},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdArticle(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
