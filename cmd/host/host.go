// Package host implements `mdti host`.
package host

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdHost looks up host objects (hostname or ipAddress).
// It has no flags of its own, so no test hook: its stories cover it.
func NewCmdHost(f *cmdutil.Factory) *cobra.Command {
	deps := shared.NewDeps(f)
	return &cobra.Command{
		Use:   "host <host>...",
		Short: "show what MDTI knows about hosts: first/last seen, registrar, network",
		Long: `Show the host objects of hostnames and IP addresses: when they were first and last seen,
and their registrar and registrant (hostnames) or netblock, autonomous system, country and
hosting provider (IP addresses).

HOSTs are host names, IPv4 or IPv6 addresses, or URLs (reduced to their host). Defanged
forms such as evil[.]com and hxxps://evil[.]com/x are accepted. With no argument and a
pipe on stdin, HOSTs are read one per line.`,
		Example: `  mdti host contoso.com
  mdti host 8.8.8.8 2603:1030:20e:3::23c -o json
  mdti host 'hxxps://fake-malicious[.]site/login'
  mdti host -i hosts.txt -o csv`,
		RunE: func(c *cobra.Command, args []string) error {
			return hostRun(c.Context(), deps, args)
		},
	}
}

func hostRun(ctx context.Context, deps shared.Deps, args []string) error {
	return deps.PrintHostEntities(ctx, args, shared.HostView, path, nil)
}

// path is the Graph path of a host object.
func path(in lookup.Input) string { return graph.TIPath("hosts", in.Key) }
