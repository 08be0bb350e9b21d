package indicators

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// ListOptions are the inputs of `mdti indicators list`.
type ListOptions struct {
	shared.Deps
	Filter  string
	OrderBy string
}

// NewCmdList lists the tenant's tiIndicators.
func NewCmdList(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{Deps: newDeps(f)}
	c := &cobra.Command{
		Use:   "list",
		Short: "list your threat indicators",
		Long: `List the tiIndicators your app submitted: GET beta /security/tiIndicators, page by page
(--limit N, default 100; --all for every page). --filter passes an OData $filter as is
(the list page says the API "supports some of the OData query parameters"); --order-by
an $orderby.`,
		Example: `  mdti indicators list
  mdti indicators list --filter "action eq 'block'" -o jsonl
  mdti indicators list --all -o json --jq '.[].id'`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, _ []string) error {
			noteDeprecation(opts.IO.ErrOut)
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return listRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Filter, "filter", "", "OData `expression` for $filter")
	c.Flags().StringVar(&opts.OrderBy, "order-by", "", "OData `expression` for $orderby")
	return c
}

func listRun(ctx context.Context, opts *ListOptions) error {
	q := cmdutil.OData{Filter: opts.Filter, OrderBy: opts.OrderBy}.Values()
	return retired(opts.List(ctx, ListView, opts.Collection(setPath, q)), true)
}
