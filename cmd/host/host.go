// Package host implements `mdti host`.
package host

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// Options are the inputs of `mdti host`.
type Options struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdHost looks up host objects (hostname or ipAddress).
func NewCmdHost(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
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
  mdti host 8.8.8.8 2001:4860:4860::8888 -o json
  mdti host 'hxxps://fake-malicious[.]site/login'
  mdti host -i hosts.txt -o csv`,
		RunE: func(c *cobra.Command, args []string) error {
			opts := &Options{Factory: f, Args: args}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return hostRun(c.Context(), opts)
		},
	}
}

func hostRun(ctx context.Context, opts *Options) error {
	return opts.Factory.LookupEntities(ctx, opts.Args, View, Path, nil)
}

// Path is the Graph path of a host object.
func Path(h indicator.Host) string { return graph.TIPath("hosts", h.Key) }
