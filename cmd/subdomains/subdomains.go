// Package subdomains implements `mdti subdomains`.
package subdomains

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// Options are the inputs of `mdti subdomains`.
type Options struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdSubdomains lists the subdomains of hosts (hosts/{id}/subdomains).
func NewCmdSubdomains(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "subdomains <host>...",
		Short: "list the subdomains of hosts and when each was first seen",
		Long: `List the subdomains observed under hosts and when each was first seen.

Reads GET /security/threatIntelligence/hosts/{id}/subdomains, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`,
		Example: `  mdti subdomains contoso.com
  mdti subdomains fake-malicious.site -o jsonl --all
  mdti subdomains contoso.com --jq '.[].host.id'`,
		RunE: func(c *cobra.Command, args []string) error {
			opts := &Options{Factory: f, Args: args}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return run(c.Context(), opts)
		},
	}
}

func run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	return f.LookupHostCollections(ctx, opts.Args, View, func(ctx context.Context, h indicator.Host, emit func([]byte) error) error {
		return cmdutil.Collect(ctx, client, f.CollectionFor(graph.TIPath("hosts", h.Key, "subdomains"), nil), emit)
	})
}
