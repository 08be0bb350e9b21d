// Package trackers implements `mdti trackers`.
package trackers

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// Options are the inputs of `mdti trackers`.
type Options struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdTrackers lists the trackers of hosts (hosts/{id}/trackers).
func NewCmdTrackers(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "trackers <host>...",
		Short: "list the trackers seen on hosts: analytics ids, JARM hashes and the like",
		Long: `List the trackers seen on hosts: the tracker kind (GoogleAnalyticsID, JarmHash…), its
value, and when it was first and last seen. A tracker value shared by several hosts is a
strong pivot between sites run by the same people.

Reads GET /security/threatIntelligence/hosts/{id}/trackers, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`,
		Example: `  mdti trackers contoso.com
  mdti trackers fake-malicious.site www.contoso.com -o json
  mdti trackers contoso.com --fields kind,value,lastSeenDateTime -o csv`,
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
		return cmdutil.Collect(ctx, client, f.CollectionFor(graph.TIPath("hosts", h.Key, "trackers"), nil), emit)
	})
}
