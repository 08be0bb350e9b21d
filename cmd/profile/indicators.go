package profile

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdIndicators lists a profile's indicators (intelProfiles/{id}/indicators).
// It has no flags of its own, so no test hook: its stories cover it.
func NewCmdIndicators(f *cmdutil.Factory) *cobra.Command {
	deps := shared.NewDeps(f)
	return &cobra.Command{
		Use:   "indicators <id>...",
		Short: "list the indicators of compromise tied to an intel profile",
		Long: `List the network indicators tied to an intel profile: the artifact (a hostname, an IP
address, or an unclassified artifact, by its @odata.type), its source and when it was
first and last seen in use.

Reads GET /security/threatIntelligence/intelProfiles/{id}/indicators, page by page
(--limit N per profile, default 100; --all for every page). Ids come from arguments,
stdin (one per line) or -i FILE; each record gets "query", the profile id it answers.`,
		Example: `  mdti profile indicators 9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80
  mdti --api-version beta profile indicators actinium -o jsonl --all
  mdti profile indicators 9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80 -o json --jq '.[].artifact.id' | mdti reputation`,
		RunE: func(c *cobra.Command, args []string) error {
			return indicatorsRun(c.Context(), deps, args)
		},
	}
}

func indicatorsRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "profile ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return deps.PrintCollections(ctx, ids, IndicatorView, func(in lookup.Input) lookup.Collection {
		return deps.Collection(graph.TIPath("intelProfiles", in.Key, "indicators"), nil)
	})
}
