package ports

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
		{args: []string{"8.8.8.8"}, want: Options{Args: []string{"8.8.8.8"}}},
		{args: []string{"8.8.8.8", "1.1.1.1", "--expand-certificate"}, want: Options{Args: []string{"8.8.8.8", "1.1.1.1"}, ExpandCertificate: true}},
		{args: []string{"--expand-certificate=nope", "8.8.8.8"}, err: `invalid argument "nope" for "--expand-certificate"`},
		{args: []string{"--expand", "8.8.8.8"}, err: "unknown flag: --expand"},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdPorts(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
