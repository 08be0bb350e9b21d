package pdns

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdPDNS, []sharedtest.FlagCase[Options]{
		{Args: []string{"contoso.com"}, Want: Options{Args: []string{"contoso.com"}}},
		{Args: []string{"20.1.2.3", "--reverse", "--type", "aaaa", "--since", "30d", "--until", "2024-01-31"}, Want: Options{Args: []string{"20.1.2.3"}, Reverse: true, Type: "AAAA", Since: "30d", Until: "2024-01-31"}},
		{Args: []string{"a.com", "--filter", "recordType eq 'CNAME'", "--orderby", "lastSeenDateTime desc"}, Want: Options{Args: []string{"a.com"}, Filter: "recordType eq 'CNAME'", OrderBy: "lastSeenDateTime desc"}},
		{Args: []string{"a.com", "--type", "A AAAA"}, Err: `invalid --type "A AAAA"`},
		{Args: []string{"a.com", "--type", "1A"}, Err: `invalid --type "1A"`},
		{Args: []string{"a.com", "--type", "BOGUS"}, Err: `invalid --type "BOGUS": want one of A, AAAA, CAA, CNAME, DNAME, DS, MX, NS, PTR, SOA, SPF, SRV, TXT`},
		{Args: []string{"a.com", "--reverse=x"}, Err: `invalid argument "x" for "--reverse"`},
	}, func(t testing.TB, o *Options) {
		sharedtest.ClearDeps(t, &o.Deps)
		sharedtest.ClearClock(t, &o.Now)
	})
}
