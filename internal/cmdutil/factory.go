package cmdutil

import (
	"net/http"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Factory hands commands their dependencies. Everything expensive (config file, keyring,
// network, the demo emulator) is built on first use, so --help, completion and version
// never touch any of it.
// Commands take from it only what they use, into their options.
type Factory struct {
	IOStreams *iostreams.IOStreams
	Getenv    func(string) string
	Version   string
	// Flags are the invocation's global flags that are not settings, filled in when
	// Cobra parses the command line.
	Flags *GlobalFlags

	Config      func() (*config.Config, error)
	GraphClient func() (*graph.Client, error)
	// GraphClientFor is GraphClient on a given API version, whatever the settings say: for
	// entity sets that exist on one version only (tiIndicators and securityActions, beta).
	GraphClientFor func(apiVersion string) (*graph.Client, error)
	Credential     func() (*auth.Credential, error)
	AuthSettings   func() (auth.Settings, error)
	// HTTPClient is the client Graph and sign-in traffic share (--ca-cert, proxies, the
	// --debug trace), for commands that talk HTTP without a token (mdti doctor).
	HTTPClient func() (*http.Client, error)
}
