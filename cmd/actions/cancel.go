package actions

import (
	"context"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// CancelOptions are the inputs of `mdti actions cancel`.
type CancelOptions struct {
	shared.Deps
	Args   []string
	DryRun bool
}

// NewCmdCancel cancels securityActions.
func NewCmdCancel(f *cmdutil.Factory, runF func(context.Context, *CancelOptions) error) *cobra.Command {
	opts := &CancelOptions{Deps: newDeps(f)}
	c := &cobra.Command{
		Use:   "cancel <id>...",
		Short: "cancel security actions",
		Long: `Cancel securityActions: POST beta /security/securityActions/{id}/cancelSecurityAction,
which has no body and answers 200 with none. On a terminal each cancellation is
confirmed on stderr; nothing is printed on stdout. Several ids send one request each,
each its own outcome; the exit code is the worst. --dry-run prints the requests and
sends nothing.

Needs the application permission SecurityActions.ReadWrite.All.`,
		Example: `  mdti actions cancel 1234567890
  mdti actions cancel 1234567890 2345678902 --dry-run`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: writePermission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return cancelRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the requests and send nothing")
	return c
}

func cancelRun(ctx context.Context, opts *CancelOptions) error {
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "securityAction ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	w := shared.Writes{
		Plan: func(in lookup.Input) shared.Request {
			return shared.Request{Method: http.MethodPost, Path: shared.SecurityPath("securityActions", in.Key, "cancelSecurityAction")}
		},
		View:   ListView,
		Done:   func(in lookup.Input) string { return "cancelled security action " + in.Key },
		DryRun: opts.DryRun,
	}
	return explain(opts.RunWrites(ctx, ids, cmdutil.SingleInput(opts.Args, len(ids)), w), false)
}
