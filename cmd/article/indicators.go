package article

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// IndicatorsOptions are the inputs of `mdti article indicators`.
type IndicatorsOptions struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdIndicators lists the indicators an article cites (articles/{id}/indicators).
func NewCmdIndicators(f *cmdutil.Factory, runF func(context.Context, *IndicatorsOptions) error) *cobra.Command {
	opts := &IndicatorsOptions{Factory: f}
	return &cobra.Command{
		Use:   "indicators <id>...",
		Short: "list the indicators of compromise an article cites",
		Long: `List the indicators an article cites: the artifact (a hostname, an IP address, or an
unclassified artifact such as a URL or a file hash, by its @odata.type) and where the
indicator came from (microsoft, osint, public).

Reads GET /security/threatIntelligence/articles/{id}/indicators, page by page (--limit N
per article, default 100; --all for every page). Ids come from arguments, stdin (one per
line) or -i FILE; each record gets "query", the article id it answers. Feed the hosts
to other commands: mdti article indicators ID -o json --jq '.[].artifact.id' | mdti reputation`,
		Example: `  mdti article indicators a272d5ab
  mdti article indicators a272d5ab 831b70a4 -o jsonl --all
  mdti article indicators 831b70a4 -o json --jq '.[].artifact.id' | mdti reputation`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return indicatorsRun(c.Context(), opts)
		},
	}
}

func indicatorsRun(ctx context.Context, opts *IndicatorsOptions) error {
	f := opts.Factory
	ids, err := cmdutil.ReadIDs(f.IOStreams, opts.Args, f.Flags.InputFile, "article ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return f.LookupIDCollections(ctx, ids, IndicatorView, func(id cmdutil.ID) string {
		return graph.TIPath("articles", id.Key, "indicators")
	})
}
