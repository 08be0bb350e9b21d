package cert

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdCert, []sharedtest.FlagCase[Options]{
		{Args: []string{"abc="}, Want: Options{Args: []string{"abc="}}},
		{Args: []string{"abc=", "def", "--hosts"}, Want: Options{Args: []string{"abc=", "def"}, Hosts: true}},
		{Args: []string{"--hosts=false", "-"}, Want: Options{Args: []string{"-"}}},
		{Args: []string{"--hosts=maybe", "abc"}, Err: `invalid argument "maybe" for "--hosts"`},
		{Args: []string{"--host", "abc"}, Err: "unknown flag: --host"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
