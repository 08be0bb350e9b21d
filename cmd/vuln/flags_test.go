package vuln

import (
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdVuln, []sharedtest.FlagCase[Options]{
		{Args: []string{"CVE-2021-44228"}, Want: Options{Args: []string{"CVE-2021-44228"}}},
		{Args: []string{"cve-2021-44228", "--components"}, Want: Options{Args: []string{"cve-2021-44228"}, Components: true}},
		{Args: []string{"--articles", "CVE-2021-44228", "CVE-2023-23397"}, Want: Options{Args: []string{"CVE-2021-44228", "CVE-2023-23397"}, Articles: true}},
		{Args: []string{"--components", "--articles", "CVE-2021-44228"}, Err: "--components and --articles cannot be used together"},
		{Args: []string{"--components=yes", "CVE-2021-44228"}, Err: `invalid argument "yes" for "--components"`},
	}, func(t testing.TB, o *Options) { sharedtest.ClearDeps(t, &o.Deps) })
}
