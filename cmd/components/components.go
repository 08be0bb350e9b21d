// Package components implements `mdti components`.
package components

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// Options are the inputs of `mdti components`.
type Options struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdComponents lists the components of hosts (hosts/{id}/components).
func NewCmdComponents(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "components <host>...",
		Short: "list the software components seen on hosts: servers, frameworks, versions",
		Long: `List the web components detected on hosts: category (Server, Framework, Operating
System…), name, version, and when each was first and last seen. Useful to spot outdated,
vulnerable software (see mdti vuln CVE --components).

Reads GET /security/threatIntelligence/hosts/{id}/components, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`,
		Example: `  mdti components contoso.com
  mdti components fake-malicious.site -o json
  mdti components contoso.com woodgrove-bank-login.com -o jsonl --all`,
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
		return cmdutil.Collect(ctx, client, f.CollectionFor(graph.TIPath("hosts", h.Key, "components"), nil), emit)
	})
}
