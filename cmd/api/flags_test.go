package api

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdAPI, []sharedtest.FlagCase[Options]{
		{Args: []string{"/security/threatIntelligence/hosts/x"}, Want: Options{Path: "/security/threatIntelligence/hosts/x"}},
		{Args: []string{"-X", "post", "/$batch", "--input", "req.json", "-H", "ConsistencyLevel: eventual", "-H", "Prefer: x"}, Want: Options{Path: "/$batch", Method: "post", Input: "req.json", Headers: []string{"ConsistencyLevel: eventual", "Prefer: x"}}},
		{Args: []string{"--paginate", "/security/threatIntelligence/articles"}, Want: Options{Path: "/security/threatIntelligence/articles", Paginate: true}},
		{Args: []string{}, Err: "give one PATH"},
		{Args: []string{"/a", "/b"}, Err: "give one PATH"},
		{Args: []string{"/a", "--method"}, Err: "flag needs an argument: --method"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
