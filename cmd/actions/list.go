package actions

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdList lists securityActions. Its only flag is --filter, covered by its story.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	deps := newDeps(f)
	var filter string
	c := &cobra.Command{
		Use:   "list",
		Short: "list security actions",
		Long: `List securityActions: GET beta /security/securityActions, page by page (--limit N,
default 100; --all for every page). --filter passes an OData $filter as is.

Needs the application permission SecurityActions.Read.All.`,
		Example: `  mdti actions list
  mdti actions list --filter "status eq 'running'" -o jsonl`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, _ []string) error {
			q := cmdutil.OData{Filter: filter}.Values()
			return explain(deps.List(c.Context(), ListView, deps.Collection(setPath, q)), true)
		},
	}
	c.Flags().StringVar(&filter, "filter", "", "OData `expression` for $filter")
	return c
}

// NewCmdGet shows securityActions by id, batched.
func NewCmdGet(f *cmdutil.Factory) *cobra.Command {
	deps := newDeps(f)
	return &cobra.Command{
		Use:   "get <id>...",
		Short: "show security actions by id",
		Long: `Show securityActions: GET beta /security/securityActions/{id} for each id, as JSON
batches when there are several, printed in the order given, each record with "query".
Ids come from arguments, stdin (one per line) or -i FILE.

Needs the application permission SecurityActions.Read.All.`,
		Example: `  mdti actions get 1234567890
  mdti actions list -o json --jq '.[].id' | mdti actions get -o jsonl`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, args []string) error {
			return explain(getRun(c.Context(), deps, args), false)
		},
	}
}

func getRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "securityAction ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return deps.PrintEntities(ctx, ids, GetView, cmdutil.SingleInput(args, len(ids)), func(in lookup.Input) string {
		return shared.SecurityPath("securityActions", in.Key)
	}, nil)
}
