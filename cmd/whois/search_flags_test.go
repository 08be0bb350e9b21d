package whois

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestSearchFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want SearchOptions
		err  string
	}{
		{args: []string{"admin/email:domains@microsoft.com"}, want: SearchOptions{Query: "admin/email:domains@microsoft.com"}},
		{args: []string{"nameservers:ns1.contoso.com", "--orderby", "registrationDateTime desc"}, want: SearchOptions{Query: "nameservers:ns1.contoso.com", OrderBy: "registrationDateTime desc"}},
		{args: []string{}, err: "give one QUERY (quote it)"},
		{args: []string{"a", "b"}, err: "give one QUERY (quote it)"},
	} {
		var got *SearchOptions
		err := sharedtest.Execute(NewCmdSearch(sharedtest.Factory(), func(_ context.Context, o *SearchOptions) error {
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
