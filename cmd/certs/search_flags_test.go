package certs

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestSearchFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdSearch, []sharedtest.FlagCase[SearchOptions]{
		{Args: []string{"sha1:abc"}, Want: SearchOptions{Query: "sha1:abc"}},
		{Args: []string{"subject/commonName:microsoft.com", "--orderby", "firstSeenDateTime"}, Want: SearchOptions{Query: "subject/commonName:microsoft.com", OrderBy: "firstSeenDateTime"}},
		{Args: []string{}, Err: "give one QUERY (quote it)"},
		{Args: []string{"a", "b"}, Err: "give one QUERY (quote it)"},
	}, func(t testing.TB, o *SearchOptions) { sharedtest.ClearDeps(t, &o.Deps) })
}
