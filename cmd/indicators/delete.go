package indicators

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// DeleteOptions are the inputs of `mdti indicators delete`.
type DeleteOptions struct {
	shared.Deps
	// Confirm asks the question on a terminal and says whether the answer was yes.
	Confirm    func(question string) (bool, error)
	Args       []string
	ExternalID bool
	Yes        bool
	DryRun     bool
}

// NewCmdDelete deletes tiIndicators.
func NewCmdDelete(f *cmdutil.Factory, runF func(context.Context, *DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{Deps: newDeps(f)}
	opts.Confirm = func(q string) (bool, error) { return confirm(opts.IO.In, opts.IO.ErrOut, q) }
	c := &cobra.Command{
		Use:   "delete <id>...",
		Short: "delete threat indicators by id or externalId",
		Long: `Delete tiIndicators. One id is DELETE /security/tiIndicators/{id}; several go through
deleteTiIndicators, 100 per request. With --external-id the arguments are externalIds,
deleted through deleteTiIndicatorsByExternalId (every indicator with that externalId).
Ids come from arguments, or from stdin or -i FILE (one per line).

On a terminal mdti asks first (the question on stderr, the answer read from stdin), so
the ids must then be arguments; anywhere else it needs --yes and exits 2 without it,
sending nothing. Every id gets an outcome ("deleted" or the error), in order; the exit
code is the worst. --dry-run prints the requests and sends nothing.`,
		Example: `  mdti indicators delete e58c072b-c9bb-a5c4-34ce-eb69af44fb1e
  mdti indicators delete --external-id Test--8586509942679764298MS501 --yes
  mdti indicators list --filter "action eq 'allow'" -o json --jq '.[].id' | mdti indicators delete --yes
  mdti indicators delete e58c072b-c9bb-a5c4-34ce-eb69af44fb1e c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4 --dry-run`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(opts.IO.ErrOut)
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return deleteRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.ExternalID, "external-id", false, "the arguments are externalIds (deleteTiIndicatorsByExternalId)")
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "delete without asking (needed when not on a terminal)")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the requests and send nothing")
	return c
}

func deleteRun(ctx context.Context, opts *DeleteOptions) error {
	noun := "tiIndicator ID"
	if opts.ExternalID {
		noun = "externalId"
	}
	ids, err := cmdutil.ReadIDs(opts.IO, opts.Args, opts.Flags.InputFile, noun, cmdutil.ValidateID)
	if err != nil {
		return err
	}
	items := make([]item, len(ids))
	for i, id := range ids {
		body, _ := json.Marshal(id.Key)
		items[i] = item{Query: id.Query, Body: body, Sent: tiindicator.Sent{ID: id.Key}}
		if opts.ExternalID {
			items[i].Sent = tiindicator.Sent{ExternalID: id.Key}
		}
	}
	single := len(items) == 1 && !opts.ExternalID
	if opts.DryRun {
		return printDryRun(opts.Deps, deleteRequests(items, single, opts.ExternalID))
	}
	if err := opts.confirmed(items); err != nil {
		return err
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	if single {
		return printOutcomes(ctx, opts.Deps, items, []outcome{deleteOne(ctx, client, items[0])}, nil, cmdutil.SingleInput(opts.Args, 1))
	}
	outs, stray, err := sendBulk(ctx, client, bulkAction{Name: deleteAction(opts.ExternalID), Status: "deleted"}, items)
	if err != nil {
		return err
	}
	return printOutcomes(ctx, opts.Deps, items, outs, stray, false)
}

// interactive says a person may answer: stdin or stdout is a terminal, and the ids did
// not come from stdin.
func (opts *DeleteOptions) interactive() bool {
	fromStdin := opts.Flags.InputFile == "-" || len(opts.Args) == 0 || (len(opts.Args) == 1 && opts.Args[0] == "-")
	return !fromStdin && (opts.IO.IsStdinTTY() || opts.IO.IsStdoutTTY())
}

// confirmed asks on a terminal, and elsewhere requires --yes.
func (opts *DeleteOptions) confirmed(items []item) error {
	if opts.Yes {
		return nil
	}
	if !opts.interactive() {
		return cmdutil.FlagErrorf("refusing to delete without --yes when not on a terminal: nothing was sent")
	}
	what := "tiIndicator"
	if opts.ExternalID {
		what = "every tiIndicator with externalId"
	}
	names := make([]string, 0, 3)
	for i, it := range items {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(items)-3))
			break
		}
		names = append(names, it.Query)
	}
	ok, err := opts.Confirm(fmt.Sprintf("Delete %s %s?", what, strings.Join(names, ", ")))
	if err != nil {
		return err
	}
	if !ok {
		return cmdutil.FlagErrorf("not confirmed: nothing was deleted")
	}
	return nil
}

// confirm writes question with " [y/N] " to w and reads one line of r: y or yes is yes.
func confirm(r io.Reader, w io.Writer, question string) (bool, error) {
	fmt.Fprint(w, question+" [y/N] ")
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return false, fmt.Errorf("read the answer: %w", err)
	}
	if err == io.EOF {
		fmt.Fprintln(w)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

func deleteAction(external bool) string {
	if external {
		return "deleteTiIndicatorsByExternalId"
	}
	return "deleteTiIndicators"
}

// deleteOne is DELETE /security/tiIndicators/{id} (204).
func deleteOne(ctx context.Context, client *graph.Client, it item) outcome {
	if _, err := client.Do(ctx, http.MethodDelete, itemPath(it.Sent.ID), nil, nil); err != nil {
		return outcome{Err: retired(err, false)}
	}
	return outcome{Record: statusRecord("deleted", it.Sent.ID, "")}
}

func deleteRequests(items []item, single, external bool) []request {
	if single {
		return []request{{Method: http.MethodDelete, Path: itemPath(items[0].Sent.ID)}}
	}
	return bulkRequests(deleteAction(external), items)
}
