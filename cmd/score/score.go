// Package score implements `mdti score`: Microsoft Secure Score — the daily scores and the
// control profiles they are made of, whose state an analyst can set.
package score

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
)

// Permissions of the secure-score commands (docs/reference.md §8).
const (
	readPermission  = "SecurityEvents.Read.All"
	writePermission = "SecurityEvents.ReadWrite.All"
)

// Options are the inputs of `mdti score`.
type Options struct {
	shared.Deps
	Args []string
}

// NewCmdScore lists secure scores or shows them by id (secureScores, secureScores/{id}).
func NewCmdScore(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "score [<id>...]",
		Short: "show Microsoft Secure Score and its control profiles",
		Long: `Show the tenant's Microsoft Secure Score: with no id, the daily scores as Graph lists
them, newest first (GET /security/secureScores; --limit N, default 100, --all for every
page): date, current score, maximum and percentage. A score's id is the tenant id and
the date ("<tenant>_2026-01-31"; mdti score --fields createdDateTime,id lists them).
With ids, GET /security/secureScores/{id} for each; one score on a terminal prints as a
card with the score summed by control category and the averages of comparable tenants.

mdti score controls lists the control profiles the score is made of; mdti score control
ID shows one, and with --state sets its state.`,
		Example: `  mdti score --limit 7
  mdti score --limit 1 -o json --jq '.[0].controlScores'
  mdti score controls --service EXO
  mdti score control AdminMFA`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return scoreRun(c.Context(), opts)
		},
	}
	c.AddCommand(NewCmdControls(f, nil), NewCmdControl(f, nil))
	return c
}

func scoreRun(ctx context.Context, opts *Options) error {
	if len(opts.Args) == 0 && opts.Flags.InputFile == "" {
		return opts.List(ctx, ScoreListView, opts.Collection(shared.SecurityPath("secureScores"), nil))
	}
	return printByID(ctx, opts.Deps, opts.Args, "secure score ID", "secureScores", ScoreGetView, ScoreCardView)
}

// printByID GETs set/{id} for each id: one on its own prints through card.
func printByID(ctx context.Context, deps shared.Deps, args []string, noun, set string, many, card render.View) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, noun, cmdutil.ValidateID)
	if err != nil {
		return err
	}
	view := many
	if len(ids) == 1 {
		view = card
	}
	return deps.PrintEntities(ctx, ids, view, cmdutil.SingleInput(args, len(ids)), func(in lookup.Input) string {
		return shared.SecurityPath(set, in.Key)
	}, nil)
}

// ControlsOptions are the inputs of `mdti score controls`.
type ControlsOptions struct {
	shared.Deps
	Service string
	Filter  string
}

// NewCmdControls lists control profiles (secureScoreControlProfiles).
func NewCmdControls(f *cmdutil.Factory, runF func(context.Context, *ControlsOptions) error) *cobra.Command {
	opts := &ControlsOptions{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "controls",
		Short: "list the secure-score control profiles",
		Long: `List the control profiles of Microsoft Secure Score: GET
/security/secureScoreControlProfiles, page by page (--limit N, default 100; --all for
every page): title, service, category, maximum score, tier, the current state (from the
newest controlStateUpdates entry) and the id that mdti score control takes.
--service S adds $filter=service eq 'S' (EXO, AzureAD, MDATP, SPO…); --filter adds your
own OData expression, ANDed.`,
		Example: `  mdti score controls
  mdti score controls --service AzureAD
  mdti score controls --filter "controlCategory eq 'Identity'" -o csv`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return controlsRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Service, "service", "", "only the controls of `SERVICE` (as Graph names it: EXO, AzureAD…)")
	c.Flags().StringVar(&opts.Filter, "filter", "", "an OData $filter `EXPR` ANDed with --service")
	return c
}

func controlsRun(ctx context.Context, opts *ControlsOptions) error {
	var service string
	if opts.Service != "" {
		service = "service eq " + cmdutil.ODataString(opts.Service)
	}
	q := cmdutil.OData{Filter: cmdutil.AndFilters(service, opts.Filter)}.Values()
	return opts.List(ctx, ControlListView, opts.Collection(shared.SecurityPath("secureScoreControlProfiles"), q))
}
