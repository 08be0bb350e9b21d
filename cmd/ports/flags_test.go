package ports

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdPorts, []sharedtest.FlagCase[Options]{
		{Args: []string{"8.8.8.8"}, Want: Options{Args: []string{"8.8.8.8"}}},
		{Args: []string{"8.8.8.8", "1.1.1.1", "--expand-certificate"}, Want: Options{Args: []string{"8.8.8.8", "1.1.1.1"}, ExpandCertificate: true}},
		{Args: []string{"--expand-certificate=nope", "8.8.8.8"}, Err: `invalid argument "nope" for "--expand-certificate"`},
		{Args: []string{"--expand", "8.8.8.8"}, Err: "unknown flag: --expand"},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
