package indicators

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// NewCmdGet shows tiIndicators by id. It has no flags of its own, so no test hook: its
// stories cover it.
func NewCmdGet(f *cmdutil.Factory) *cobra.Command {
	deps := newDeps(f)
	return &cobra.Command{
		Use:   "get <id>...",
		Short: "show threat indicators by id",
		Long: `Show tiIndicators: GET beta /security/tiIndicators/{id} for each id, as JSON batches
when there are several, printed in the order given, each record with "query", the id it
answers. Ids come from arguments, stdin (one per line) or -i FILE.

A missing indicator is "not found" (exit 5); a retired entity set (Graph's "Resource not
found for the segment 'tiIndicators'") is told apart from it (exit 1).`,
		Example: `  mdti indicators get e58c072b-c9bb-a5c4-34ce-eb69af44fb1e
  mdti indicators list -o json --jq '.[].id' | mdti indicators get -o jsonl`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(deps.IO.ErrOut)
			return getRun(c.Context(), deps, args)
		},
	}
}

func getRun(ctx context.Context, deps shared.Deps, args []string) error {
	ids, err := shared.IDInputs(deps.IO, args, deps.Flags.InputFile, "tiIndicator ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	client, err := deps.GraphClient()
	if err != nil {
		return err
	}
	cfg, err := deps.Config()
	if err != nil {
		return err
	}
	printer, format, err := shared.NewPrinter(deps.IO, cfg, deps.Flags, GetView, cmdutil.SingleInput(args, len(ids)))
	if err != nil {
		return err
	}
	sink := &retiredSink{PrinterSink: lookup.PrinterSink{Printer: printer, Format: format, ErrOut: deps.IO.ErrOut, Alone: len(ids) == 1}}
	eng := &lookup.Engine{Client: client, Entity: func(in lookup.Input) string { return itemPath(in.Key) }, Concurrency: cfg.Concurrency}
	if _, err := eng.Run(ctx, ids, sink); err != nil {
		return err
	}
	switch {
	case sink.first != nil && len(ids) == 1:
		return sink.first
	case sink.first != nil:
		if err := printer.Close(); err != nil {
			return err
		}
		return &cmdutil.SilentError{Code: sink.worst}
	}
	return printer.Close()
}

// retiredSink is the printer sink that reports a retired entity set as such, and keeps the
// worst exit code of what it reported (the engine's own counts the raw 404 as "not found").
type retiredSink struct {
	lookup.PrinterSink
	first error
	worst int
}

// Done reports a failed input, the retirement told apart from a missing id.
func (s *retiredSink) Done(i int, in lookup.Input, err error) error {
	if err != nil {
		err = retired(err, false)
		if s.first == nil {
			s.first = err
		}
		s.worst = cmdutil.WorseExit(s.worst, cmdutil.ExitCode(err))
	}
	return s.PrinterSink.Done(i, in, err)
}

// itemPath is the path of one indicator.
func itemPath(id string) string { return setPath + "/" + graph.Segment(id) }
