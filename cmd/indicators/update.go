package indicators

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// UpdateOptions are the inputs of `mdti indicators update`.
type UpdateOptions struct {
	shared.Deps
	Now   func() time.Time
	Args  []string
	Props IndicatorFlags
	// Confidence and Severity are set only when their flags are.
	Confidence            *int32
	Severity              *int32
	AdditionalInformation string
	DryRun                bool
}

// updateFlags names the flags that change something, for the "nothing to change" error.
const updateFlags = "--description, --action, --expires, --tlp, --threat-type, --target-product, --confidence, --severity, --additional-information"

// NewCmdUpdate changes tiIndicators.
func NewCmdUpdate(f *cmdutil.Factory, runF func(context.Context, *UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{Deps: newDeps(f), Now: time.Now}
	var confidence, severity int32
	c := &cobra.Command{
		Use:   "update [<id>...]",
		Short: "change threat indicators",
		Long: `Change tiIndicators. The flags say what to set, for every id given as an argument, on
stdin (one per line) or in -i FILE. -i FILE (or stdin) may instead hold tiIndicator
objects, each with its "id" (a JSON array, JSONL or CSV): each is sent as written,
the flags filling what it lacks.

One id is PATCH /security/tiIndicators/{id}, sent with Prefer: return=representation
so that it prints the updated indicator as updateTiIndicators does for several (100
per request). Values are checked against the documented enums before anything is sent.
Every id gets an outcome, in order; the exit code is the worst. --dry-run prints the
requests and sends nothing.`,
		Example: `  mdti indicators update e58c072b-c9bb-a5c4-34ce-eb69af44fb1e --expires 90d
  mdti indicators update e58c072b-c9bb-a5c4-34ce-eb69af44fb1e --description "confirmed C2" --confidence 90 --dry-run
  mdti indicators list -o json --jq '.[].id' | mdti indicators update --action alert
  mdti indicators update -i changes.jsonl`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(opts.IO.ErrOut)
			opts.Args = args
			if c.Flags().Changed("confidence") {
				opts.Confidence = &confidence
			}
			if c.Flags().Changed("severity") {
				opts.Severity = &severity
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return updateRun(c.Context(), opts)
		},
	}
	opts.Props.add(c)
	c.Flags().Int32Var(&confidence, "confidence", 0, "confidence, 0–100")
	c.Flags().Int32Var(&severity, "severity", 0, "severity, 0–5")
	c.Flags().StringVar(&opts.AdditionalInformation, "additional-information", "", "additionalInformation `text`")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the requests and send nothing")
	return c
}

// patch is the change the flags describe.
func (opts *UpdateOptions) patch() (tiindicator.Indicator, error) {
	d, err := opts.Props.defaults(opts.Now())
	if err != nil {
		return tiindicator.Indicator{}, err
	}
	p := tiindicator.Indicator{Action: d.Action, ThreatType: d.ThreatType, TLPLevel: d.TLPLevel,
		TargetProduct: d.TargetProduct, Description: d.Description, Confidence: opts.Confidence,
		Severity: opts.Severity, AdditionalInformation: opts.AdditionalInformation}
	if !d.Expiration.IsZero() {
		p.ExpirationDateTime = tiindicator.FormatTime(d.Expiration)
	}
	if err := tiindicator.ValidateUpdate(p, false); err != nil {
		return p, cmdutil.FlagErrorf("%w", err)
	}
	return p, nil
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	items, single, err := opts.items()
	if err != nil {
		return err
	}
	if opts.DryRun {
		return printDryRun(opts.Deps, updateRequests(items, single))
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	if single {
		return printOutcomes(ctx, opts.Deps, items, []outcome{patchOne(ctx, client, items[0])}, nil, cmdutil.SingleInput(opts.Args, 1))
	}
	outs, stray, err := sendBulk(ctx, client, bulkAction{Name: "updateTiIndicators"}, items)
	if err != nil {
		return err
	}
	return printOutcomes(ctx, opts.Deps, items, outs, stray, false)
}

// items are the updates to send; single says one id from the flags, sent as a PATCH.
func (opts *UpdateOptions) items() ([]item, bool, error) {
	p, err := opts.patch()
	if err != nil {
		return nil, false, err
	}
	if len(opts.Args) == 0 || (len(opts.Args) == 1 && opts.Args[0] == "-") {
		text, err := readText(opts.IO, opts.Args, opts.Deps.Flags.InputFile, "ids or update objects with their id")
		if err != nil {
			return nil, false, err
		}
		if looksLikeObjects(text) {
			items, err := updateObjects(text, p)
			return items, false, err
		}
		return opts.idItems(p, hostLines(text))
	}
	if opts.Deps.Flags.InputFile != "" {
		return nil, false, cmdutil.FlagErrorf("give ids as arguments or -i FILE, not both")
	}
	return opts.idItems(p, opts.Args)
}

// idItems are the flags' change for each id.
func (opts *UpdateOptions) idItems(p tiindicator.Indicator, ids []string) ([]item, bool, error) {
	if empty, _ := marshal(p); string(empty) == "{}" {
		return nil, false, shared.NoChange(updateFlags)
	}
	checked, err := checkIDs(ids)
	if err != nil {
		return nil, false, err
	}
	single := len(checked) == 1
	items := make([]item, len(checked))
	for i, id := range checked {
		if !single { // the bulk action names the indicator in the item, a PATCH in its path
			p.ID = id
		}
		body, err := marshal(p)
		if err != nil {
			return nil, false, err
		}
		items[i] = item{Query: id, Body: body, Sent: tiindicator.Sent{ID: id}}
	}
	return items, single, nil
}

// updateObjects reads update objects, each with its id, the flags filling what they lack.
func updateObjects(text []byte, p tiindicator.Indicator) ([]item, error) {
	recs, err := tiindicator.Read(bytes.NewReader(text))
	if err != nil {
		return nil, &cmdutil.InputError{Problems: []string{err.Error()}}
	}
	extra := fill(tiindicator.Defaults{Action: p.Action, ThreatType: p.ThreatType, TLPLevel: p.TLPLevel,
		TargetProduct: p.TargetProduct, Description: p.Description})
	if p.ExpirationDateTime != "" {
		extra["expirationDateTime"] = p.ExpirationDateTime
	}
	var problems []string
	items := make([]item, 0, len(recs))
	for _, r := range recs {
		raw, err := withDefaults(r.JSON, extra)
		var ind tiindicator.Indicator
		if err == nil {
			ind, err = tiindicator.Decode(raw)
		}
		if err == nil {
			err = tiindicator.ValidateUpdate(ind, true)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("record %d: %v", r.N, err))
			continue
		}
		items = append(items, item{Query: ind.ID, Body: raw, Sent: tiindicator.Sent{ID: ind.ID}})
	}
	if len(problems) > 0 {
		return nil, &cmdutil.InputError{Problems: problems}
	}
	return items, nil
}

// checkIDs validates ids, listing every bad one.
func checkIDs(ids []string) ([]string, error) {
	var problems []string
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		got, err := cmdutil.ValidateID(id)
		if err != nil {
			problems = append(problems, fmt.Sprintf("tiIndicator ID %q: %v", id, err))
			continue
		}
		out = append(out, got)
	}
	if len(problems) > 0 {
		return nil, &cmdutil.InputError{Problems: problems}
	}
	return out, nil
}

// returnRepresentation asks PATCH to answer the updated indicator (tiindicator-update.md).
var returnRepresentation = http.Header{"Prefer": {"return=representation"}}

// patchOne is PATCH /security/tiIndicators/{id}; the body carries only the change.
func patchOne(ctx context.Context, client *graph.Client, it item) outcome {
	resp, err := client.Do(ctx, http.MethodPatch, itemPath(it.Sent.ID), it.Body, returnRepresentation)
	if err != nil {
		return outcome{Err: retired(err, false)}
	}
	if resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(resp.Body)) == 0 {
		return outcome{Record: statusRecord("updated", it.Sent.ID, "")}
	}
	rec, err := graph.NormalizeEntity(resp.Body)
	if err != nil {
		return outcome{Err: fmt.Errorf("PATCH %s: %w", itemPath(it.Sent.ID), err)}
	}
	return outcome{Record: rec}
}

func updateRequests(items []item, single bool) []request {
	if single {
		return []request{{Method: http.MethodPatch, Path: itemPath(items[0].Sent.ID), Body: items[0].Body}}
	}
	return bulkRequests("updateTiIndicators", items)
}
