// Package reputation implements `mdti reputation`, the command CI jobs gate on.
package reputation

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti reputation`.
type Options struct {
	shared.Deps
	Args     []string
	FailOn   string // "", "suspicious" or "malicious"
	MaxScore int    // -1 = off
}

// NewCmdReputation looks up host reputations and can turn the exit code red for CI.
func NewCmdReputation(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "reputation <host>...",
		Short: "classify hosts as malicious, suspicious or neutral, with a score and the rules behind it",
		Long: `Show the reputation of hosts: a classification (unknown, neutral, suspicious, malicious), a
score from 0 to 100 (higher is worse) and the rules that produced them.

--fail-on and --max-score turn the exit code to 3 when any host meets the threshold; the
results are printed either way and a summary goes to stderr. Exit codes: mdti help exit-codes.`,
		Example: `  mdti reputation contoso.com
  mdti reputation fake-malicious[.]site 8.8.8.8 -o json
  mdti reputation -i domains.txt --fail-on suspicious -o jsonl > out.jsonl
  mdti reputation contoso.com --max-score 50 && echo "clean enough"`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if !c.Flags().Changed("max-score") {
				opts.MaxScore = -1 // off: the gate is turned off only by not giving the flag
			} else if opts.MaxScore < 0 || opts.MaxScore > 100 {
				return cmdutil.FlagErrorf("invalid --max-score %d: want 0 to 100 (leave the flag out to turn the gate off)", opts.MaxScore)
			}
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return reputationRun(c.Context(), opts)
		},
	}
	shared.GateFlags(c, &opts.FailOn, &opts.MaxScore)
	return c
}

func (o *Options) validate() error {
	return shared.ValidateGate(o.FailOn, o.MaxScore)
}

func reputationRun(ctx context.Context, opts *Options) error {
	if err := shared.CheckFields(opts.IO, opts.Flags, View); err != nil {
		return err
	}
	inputs, err := opts.HostInputs(opts.Args)
	if err != nil {
		return err
	}
	defer inputs.Close()
	if inputs.Len() == 0 {
		return nil
	}
	gate := shared.NewGate(opts.FailOn, opts.MaxScore)
	err = opts.PrintEntityInputs(ctx, inputs, View, cmdutil.SingleInput(opts.Args, inputs.Len()), path, gate.Inspect)
	gate.CountInputs(inputs.Len())
	return gate.Result(opts.IO.ErrOut, err)
}

func path(in lookup.Input) string { return graph.TIPath("hosts", in.Key, "reputation") }
