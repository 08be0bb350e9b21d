package pdns

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
		{args: []string{"20.1.2.3", "--reverse", "--type", "aaaa", "--since", "30d", "--until", "2024-01-31"}, want: Options{Args: []string{"20.1.2.3"}, Reverse: true, Type: "AAAA", Since: "30d", Until: "2024-01-31"}},
		{args: []string{"a.com", "--filter", "recordType eq 'CNAME'", "--orderby", "lastSeenDateTime desc"}, want: Options{Args: []string{"a.com"}, Filter: "recordType eq 'CNAME'", OrderBy: "lastSeenDateTime desc"}},
		{args: []string{"a.com", "--type", "A AAAA"}, err: `invalid --type "A AAAA"`},
		{args: []string{"a.com", "--type", "1A"}, err: `invalid --type "1A"`},
		{args: []string{"a.com", "--type", "BOGUS"}, err: `invalid --type "BOGUS": want one of A, AAAA, CAA, CNAME, DNAME, DS, MX, NS, PTR, SOA, SPF, SRV, TXT`},
		{args: []string{"a.com", "--reverse=x"}, err: `invalid argument "x" for "--reverse"`},
	} {
		var got *Options
		err := sharedtest.Execute(NewCmdPDNS(sharedtest.Factory(), func(_ context.Context, o *Options) error {
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
