package article

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdIndicators lists the indicators an article cites (articles/{id}/indicators).
// It has no flags of its own, so no test hook: its stories cover it.
func NewCmdIndicators(f *cmdutil.Factory) *cobra.Command {
	deps := shared.NewDeps(f)
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
			return indicatorsRun(c.Context(), deps, args)
		},
	}
}

func indicatorsRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "article ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return deps.PrintCollections(ctx, ids, IndicatorView, func(in lookup.Input) lookup.Collection {
		return deps.Collection(graph.TIPath("articles", in.Key, "indicators"), nil)
	})
}
