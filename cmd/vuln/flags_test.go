package vuln

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
		{args: []string{"CVE-2021-44228"}, want: Options{Args: []string{"CVE-2021-44228"}}},
		{args: []string{"cve-2021-44228", "--components"}, want: Options{Args: []string{"cve-2021-44228"}, Components: true}},
		{args: []string{"--articles", "CVE-2021-44228", "CVE-2023-23397"}, want: Options{Args: []string{"CVE-2021-44228", "CVE-2023-23397"}, Articles: true}},
		{args: []string{"--components", "--articles", "CVE-2021-44228"}, err: "--components and --articles cannot be used together"},
		{args: []string{"--components=yes", "CVE-2021-44228"}, err: `invalid argument "yes" for "--components"`},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdVuln(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
