package score

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// ControlOptions are the inputs of `mdti score control`.
type ControlOptions struct {
	shared.Deps
	Args     []string
	State    string
	Comment  string
	AssignTo string
	// Writing says a write flag was given: --state, --comment or --assign-to ("" is a
	// value too: it clears the comment or the owner).
	Writing bool
	DryRun  bool
}

// NewCmdControl shows control profiles by id, or sets their state.
func NewCmdControl(f *cmdutil.Factory, runF func(context.Context, *ControlOptions) error) *cobra.Command {
	opts := &ControlOptions{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "control <id>... [--state STATE] [--comment TEXT] [--assign-to USER]",
		Short: "show secure-score control profiles, or set their state",
		Long: `Show control profiles by id: GET /security/secureScoreControlProfiles/{id} for each
(one on a terminal prints as a card: state, owner, comment, impact, remediation).

With --state, --comment or --assign-to, update them instead: PATCH
/security/secureScoreControlProfiles/{id} with the top-level state (Ignored,
ThirdParty, Reviewed, Default; read in any case), comment and assignedTo that were
given, and the vendorInformation the update page requires. mdti copies
vendorInformation from the current profile, so it reads each profile (GET) first. Graph
answers 204 No Content: nothing is printed, and a terminal gets a one-line
confirmation; mdti score control ID shows the result, in controlStateUpdates. Several
ids send one PATCH each, each with its own outcome; a write is retried only after 429,
503 or 504. --dry-run prints each PATCH and sends nothing, not even the read.

Reading needs SecurityEvents.Read.All; updating, SecurityEvents.ReadWrite.All.`,
		Example: `  mdti score control AdminMFA
  mdti score control AdminMFA DLPEnabled -o json
  mdti score control NonOwnerAccess --state reviewed --comment "Reviewed monthly by SecOps"
  mdti score control AdminMFA --state thirdParty --assign-to kaic@contoso.onmicrosoft.com --dry-run`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			for _, name := range []string{"state", "comment", "assign-to"} {
				opts.Writing = opts.Writing || c.Flags().Changed(name)
			}
			if opts.Writing {
				c.Annotations[cmdutil.PermissionAnnotation] = writePermission
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return controlRun(c.Context(), opts, c.Flags().Changed("comment"), c.Flags().Changed("assign-to"))
		},
	}
	c.Flags().StringVar(&opts.State, "state", "", shared.ControlState.Usage("set the state"))
	_ = c.RegisterFlagCompletionFunc("state", shared.ControlState.Complete())
	c.Flags().StringVar(&opts.Comment, "comment", "", "set the analyst's comment on the control to `TEXT`")
	c.Flags().StringVar(&opts.AssignTo, "assign-to", "", "assign the control to `USER`")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print each request (method, path, JSON body) and send nothing")
	return c
}

func controlRun(ctx context.Context, opts *ControlOptions, comment, assign bool) error {
	if !opts.Writing {
		if opts.DryRun {
			return cmdutil.FlagErrorf("--dry-run shows a write: give --state, --comment or --assign-to")
		}
		return printByID(ctx, opts.Deps, opts.Args, "control profile ID", "secureScoreControlProfiles", ControlGetView, ControlCardView)
	}
	body := map[string]any{}
	if opts.State != "" {
		state, err := shared.ControlState.Parse(opts.State)
		if err != nil {
			return err
		}
		body["state"] = state
	}
	if comment {
		body["comment"] = opts.Comment
	}
	if assign {
		body["assignedTo"] = opts.AssignTo
	}
	if len(body) == 0 {
		return shared.NoChange("--state, --comment, --assign-to")
	}
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "control profile ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return opts.RunWrites(ctx, ids, cmdutil.SingleInput(opts.Args, len(ids)), shared.Writes{
		DryRun: opts.DryRun,
		View:   ControlCardView,
		Plan: func(in lookup.Input) shared.Request {
			b := map[string]any{}
			for k, v := range body {
				b[k] = v
			}
			return shared.Request{Method: "PATCH", Path: shared.SecurityPath("secureScoreControlProfiles", in.Key), Body: b,
				Notes: []string{"vendorInformation: copied from the current profile (read by a GET first)"}}
		},
		Prepare: func(ctx context.Context, client *graph.Client, in lookup.Input, req *shared.Request) error {
			cur, err := client.Get(ctx, shared.SecurityPath("secureScoreControlProfiles", in.Key), nil)
			if err != nil {
				return err
			}
			req.Body["vendorInformation"] = VendorInformation(cur)
			return nil
		},
		Done: func(in lookup.Input) string { return "updated control " + in.Query },
	})
}

// VendorInformation is the profile's vendorInformation as the PATCH must carry it. A
// profile without provider or vendor gets the update page's values (SecureScore,
// Microsoft), which every secure-score profile carries.
func VendorInformation(profile []byte) map[string]any {
	var p struct {
		VendorInformation map[string]any `json:"vendorInformation"`
	}
	_ = json.Unmarshal(profile, &p)
	vi := p.VendorInformation
	if vi == nil {
		vi = map[string]any{}
	}
	if s, _ := vi["provider"].(string); s == "" {
		vi["provider"] = "SecureScore"
	}
	if s, _ := vi["vendor"].(string); s == "" {
		vi["vendor"] = "Microsoft"
	}
	return vi
}
