package alerts

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdGet shows alerts by id (alerts_v2/{id}). It has no flags of its own, so no test
// hook: its stories cover it.
func NewCmdGet(f *cmdutil.Factory) *cobra.Command {
	deps := shared.NewDeps(f)
	return &cobra.Command{
		Use:   "get <id>...",
		Short: "show alerts by id, with their evidence",
		Long: `Show alerts: GET /security/alerts_v2/{id} for each id, as JSON batches when there
are several, printed in the order given. One alert on a terminal prints as a card with
its evidence summarised, one item per kind and main value ("ip 203.0.113.10",
"url https://…", "file invoice.exe", "user alice@contoso.com"). Each record gets
"query", the id it answers. Ids come from arguments, stdin (one per line) or -i FILE.`,
		Example: `  mdti alerts get fa6384100100_-1147402967
  mdti alerts get fa6384100100_-1147402967 da6384100101_-1270724683 -o jsonl
  mdti alerts list --severity high -o json --jq '.[].id' | mdti alerts get -o json`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, args []string) error {
			return getRun(c.Context(), deps, args)
		},
	}
}

func getRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "alert ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	view := GetView
	if len(ids) == 1 {
		view = CardView
	}
	return deps.PrintEntities(ctx, ids, view, cmdutil.SingleInput(args, len(ids)), func(in lookup.Input) string {
		return shared.SecurityPath("alerts_v2", in.Key)
	}, nil)
}
