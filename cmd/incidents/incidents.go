// Package incidents implements `mdti incidents`: Microsoft 365 Defender incidents — list,
// get, update and comment.
package incidents

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Permissions of the incident commands (docs/reference.md §8).
const (
	readPermission  = "SecurityIncident.Read.All"
	writePermission = "SecurityIncident.ReadWrite.All"
)

var triage = shared.Triage{Set: "incidents", Noun: "incident", Status: shared.IncidentStatus, View: CardView, ManyView: GetView, Permission: writePermission, Tags: true}

// NewCmdIncidents is the parent of the incident verbs.
func NewCmdIncidents(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "incidents <command>",
		Short: "list, read, triage and comment Defender incidents",
		Long: `Work with the incidents of Microsoft Defender XDR through Graph's /security/incidents:
list them with filters, read them with their alerts, set their status, classification,
determination, owner and custom tags, comment on them, and enrich their indicators
with threat intelligence.`,
		Example: `  mdti incidents list --status active --severity high
  mdti incidents get 41001 --with-alerts
  mdti incidents update 41001 --status resolved --classification truePositive --tag Phishing
  mdti incidents comment 41001 -m "Contained"
  mdti incidents enrich 41001 --fail-on malicious`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
	}
	c.AddCommand(NewCmdList(f, nil), NewCmdGet(f, nil),
		shared.NewCmdUpdate(f, triage, updateHelp, nil), shared.NewCmdComment(f, triage, commentHelp, nil), NewCmdEnrich(f, nil))
	return c
}

// ListOptions are the inputs of `mdti incidents list`.
type ListOptions struct {
	shared.Deps
	Now        func() time.Time
	Filter     shared.TriageFilter
	WithAlerts bool
}

// NewCmdList lists incidents (GET incidents with a $filter built from the flags).
func NewCmdList(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{Deps: shared.NewDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "list",
		Short: "list incidents, filtered by status, severity, owner or time",
		Long: `List incidents: GET /security/incidents, page by page (--limit N, default 100; --all
for every page, following @odata.nextLink). --with-alerts adds $expand=alerts: each
incident then carries its alerts, and the table counts them.

The filter flags become one OData $filter, ANDed; a flag given several values matches
any of them. Values are read in any case and checked against the documented enums
before anything is sent. --since and --until bound createdDateTime (a date, an RFC 3339
time or a duration such as 30d; a bare date in --until means the end of that day).
--filter adds your own OData expression; Graph filters incidents only on assignedTo,
classification, determination, createdDateTime, lastUpdateDateTime, severity and status.`,
		Example: `  mdti incidents list
  mdti incidents list --status active --severity high,medium
  mdti incidents list --classification truePositive --since 30d --with-alerts -o json
  mdti incidents list --assigned-to kaic@contoso.onmicrosoft.com --all -o csv`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return listRun(c.Context(), opts)
		},
	}
	opts.Filter.AddFlags(c, shared.IncidentStatus, false)
	c.Flags().BoolVar(&opts.WithAlerts, "with-alerts", false, "include each incident's alerts ($expand=alerts)")
	return c
}

func listRun(ctx context.Context, opts *ListOptions) error {
	filter, err := opts.Filter.Build(shared.IncidentStatus, opts.Now())
	if err != nil {
		return err
	}
	q := cmdutil.OData{Filter: filter, Expand: expand(opts.WithAlerts)}.Values()
	return opts.List(ctx, ListView, opts.Collection(shared.SecurityPath("incidents"), q))
}

func expand(withAlerts bool) string {
	if withAlerts {
		return "alerts"
	}
	return ""
}

// GetOptions are the inputs of `mdti incidents get`.
type GetOptions struct {
	shared.Deps
	Args       []string
	WithAlerts bool
}

// NewCmdGet shows incidents by id (incidents/{id}).
func NewCmdGet(f *cmdutil.Factory, runF func(context.Context, *GetOptions) error) *cobra.Command {
	opts := &GetOptions{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "get <id>...",
		Short: "show incidents by id, with their alerts",
		Long: `Show incidents: GET /security/incidents/{id} for each id, as JSON batches when there
are several, printed in the order given. --with-alerts adds $expand=alerts; one incident
on a terminal then prints as a card with its alerts and the count of the entities
(evidence) they name by kind. Each record gets "query", the id it answers. Ids come
from arguments, stdin (one per line) or -i FILE.`,
		Example: `  mdti incidents get 41001 --with-alerts
  mdti incidents get 41001 41002 41009 -o jsonl
  mdti incidents get 2972395 -o json --jq .customTags`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return getRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.WithAlerts, "with-alerts", false, "include each incident's alerts ($expand=alerts)")
	return c
}

func getRun(ctx context.Context, opts *GetOptions) error {
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "incident ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	view := GetView
	if len(ids) == 1 {
		view = CardView
	}
	path := func(in lookup.Input) string { return shared.SecurityPath("incidents", in.Key) }
	if opts.WithAlerts {
		path = func(in lookup.Input) string { return shared.SecurityPath("incidents", in.Key) + "?$expand=alerts" }
	}
	return opts.PrintEntities(ctx, ids, view, cmdutil.SingleInput(opts.Args, len(ids)), path, nil)
}

var updateHelp = shared.Help{
	Short: "set the status, classification, determination, owner or tags of incidents",
	Long: `Update incidents: PATCH /security/incidents/{id} with only the properties the flags
give. Values are checked against the documented enums before anything is sent, in any
case (--status RESOLVED sends "resolved").

--tag and --untag change customTags without dropping the tags already there: mdti reads
the incident (GET), merges, and PATCHes customTags with the other given properties.

Several ids send one PATCH each; every id has its own outcome and the exit code is the
worst (mdti help exit-codes). A write is retried only after 429, 503 or 504. Prints the
updated incidents. --dry-run prints each request (method, path and JSON body) and sends
nothing at all, not even the read of the current tags.

Needs SecurityIncident.ReadWrite.All.`,
	Example: `  mdti incidents update 41001 --status resolved --classification truePositive --determination phishing
  mdti incidents update 41001 41002 --assign-to kaic@contoso.onmicrosoft.com
  mdti incidents update 41001 --tag Escalated --untag Demo
  mdti incidents update 41001 --status resolved --tag Closed --dry-run`,
}

var commentHelp = shared.Help{
	Short: "add a comment to incidents",
	Long: `Comment on incidents: POST /security/incidents/{id}/comments with an alertComment. The
text comes from --message, or from --message-file (- reads stdin; the ids must then be
arguments). An empty comment is refused. Graph documents no size limit for a comment,
so mdti sets none (it reads at most 1 MiB from a file, to catch a wrong file).

Prints the incident's comments as Graph answers them (the whole list, the new one last),
each with "query", the incident it belongs to. Several ids send one POST each.
--dry-run prints each request and sends nothing.

Needs SecurityIncident.ReadWrite.All.`,
	Example: `  mdti incidents comment 41001 -m "Device isolated; awaiting reimage"
  mdti incidents comment 41001 41009 --message-file notes.txt
  mdti incidents comment 41001 -m "Handover to IR" --dry-run`,
}
