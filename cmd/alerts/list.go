package alerts

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// ListOptions are the inputs of `mdti alerts list`.
type ListOptions struct {
	shared.Deps
	Now    func() time.Time
	Filter shared.TriageFilter
}

// NewCmdList lists alerts (GET alerts_v2 with a $filter built from the flags).
func NewCmdList(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{Deps: shared.NewDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "list",
		Short: "list alerts, filtered by status, severity, source, owner or time",
		Long: `List alerts: GET /security/alerts_v2, page by page (--limit N, default 100; --all for
every page, following @odata.nextLink).

The filter flags become one OData $filter, ANDed; a flag given several values
(--severity high,medium) matches any of them. Values are read in any case and checked
against the documented enums before anything is sent. --since and --until bound
createdDateTime: a date, an RFC 3339 time or a duration back from now (30d, 12h); a
bare date in --until means the end of that day. --filter adds your own OData
expression; Graph filters alerts only on assignedTo, classification, determination,
createdDateTime, lastUpdateDateTime, severity, serviceSource and status.

The table's SOURCE column abbreviates serviceSource (MDE, MDO, MDI, MDA, M365D…); json,
jsonl, yaml and csv keep Graph's values. The legacy /security/alerts API stopped
returning data on 2026-08-31; this reads alerts_v2.`,
		Example: `  mdti alerts list
  mdti alerts list --severity high --status new,inProgress
  mdti alerts list --service-source microsoftDefenderForOffice365 --since 7d
  mdti alerts list --assigned-to kaic@contoso.onmicrosoft.com --until 2026-01-31 -o csv
  mdti alerts list --filter "lastUpdateDateTime ge 2026-01-01T00:00:00Z" --all -o jsonl`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return listRun(c.Context(), opts)
		},
	}
	opts.Filter.AddFlags(c, shared.AlertStatus, true)
	return c
}

func listRun(ctx context.Context, opts *ListOptions) error {
	filter, err := opts.Filter.Build(shared.AlertStatus, opts.Now())
	if err != nil {
		return err
	}
	q := cmdutil.OData{Filter: filter}.Values()
	return opts.List(ctx, ListView, opts.Collection(shared.SecurityPath("alerts_v2"), q))
}
