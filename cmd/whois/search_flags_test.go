package whois

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestSearchFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdSearch, []sharedtest.FlagCase[SearchOptions]{
		{Args: []string{"admin/email:domains@microsoft.com"}, Want: SearchOptions{Query: "admin/email:domains@microsoft.com"}},
		{Args: []string{"nameservers:ns1.contoso.com", "--orderby", "registrationDateTime desc"}, Want: SearchOptions{Query: "nameservers:ns1.contoso.com", OrderBy: "registrationDateTime desc"}},
		{Args: []string{}, Err: "give one QUERY (quote it)"},
		{Args: []string{"a", "b"}, Err: "give one QUERY (quote it)"},
	}, func(t testing.TB, o *SearchOptions) { sharedtest.ClearDeps(t, &o.Deps) })
}
