package indicators

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdGet shows tiIndicators by id. It has no flags of its own, so no test hook: its
// stories cover it.
func NewCmdGet(f *cmdutil.Factory) *cobra.Command {
	deps := newDeps(f)
	return &cobra.Command{
		Use:   "get <id>...",
		Short: "show threat indicators by id",
		Long: `Show tiIndicators: GET beta /security/tiIndicators/{id} for each id, printed in the
order given, each record with "query", the id it answers. Ids come from arguments, stdin
(one per line) or -i FILE.

Each id is its own GET (several in flight, --concurrency), not a JSON batch: so a
retired entity set (Graph's "Resource not found for the segment 'tiIndicators'") is
told apart from one missing indicator, which is "not found" (exit 5).`,
		Example: `  mdti indicators get e58c072b-c9bb-a5c4-34ce-eb69af44fb1e
  mdti indicators list -o json --jq '.[].id' | mdti indicators get -o jsonl`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(deps.IO.ErrOut)
			return getRun(c.Context(), deps, args)
		},
	}
}

func getRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "tiIndicator ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	client, err := deps.GraphClient()
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, in lookup.Input, emit func([]byte) error) error {
		rec, err := client.Get(ctx, itemPath(in.Key), nil)
		if err != nil {
			return retired(err, false)
		}
		return emit(rec)
	}
	view := GetView
	return deps.Print(ctx, &lookup.Engine{Fetch: fetch}, ids, view, cmdutil.SingleInput(args, len(ids)))
}

// itemPath is the path of one indicator.
func itemPath(id string) string { return setPath + "/" + graph.Segment(id) }
