package whois

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
		{args: []string{"contoso.com"}, want: Options{Args: []string{"contoso.com"}}},
		{args: []string{"contoso.com", "--history", "--since", "365d", "--until", "2024-01-31"}, want: Options{Args: []string{"contoso.com"}, History: true, Since: "365d", Until: "2024-01-31"}},
		{args: []string{"contoso.com", "--since", "30d"}, err: "--since and --until need --history"},
		{args: []string{"contoso.com", "--until", "2024-01-31"}, err: "--since and --until need --history"},
		{args: []string{"contoso.com", "--history=often"}, err: `invalid argument "often" for "--history"`},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdWhois(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
