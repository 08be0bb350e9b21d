package api

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
		{args: []string{"/security/threatIntelligence/hosts/x"}, want: Options{Path: "/security/threatIntelligence/hosts/x"}},
		{args: []string{"-X", "post", "/$batch", "--input", "req.json", "-H", "ConsistencyLevel: eventual", "-H", "Prefer: x"}, want: Options{Path: "/$batch", Method: "post", Input: "req.json", Headers: []string{"ConsistencyLevel: eventual", "Prefer: x"}}},
		{args: []string{"--paginate", "/security/threatIntelligence/articles"}, want: Options{Path: "/security/threatIntelligence/articles", Paginate: true}},
		{args: []string{}, err: "give one PATH"},
		{args: []string{"/a", "/b"}, err: "give one PATH"},
		{args: []string{"/a", "--method"}, err: "flag needs an argument: --method"},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdAPI(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
