// Package reputation implements `mdti reputation`, the command CI jobs gate on.
package reputation

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

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
  mdti reputation -i domains.txt --fail-on suspicious -o jsonl > reputations.jsonl
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
	c.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 3 when any host is `CLASS` or worse: suspicious or malicious")
	// Default 0 only so that help shows no "(default -1)": an unset flag means off.
	c.Flags().IntVar(&opts.MaxScore, "max-score", 0, "exit 3 when any host's score is above `N` (0-100)")
	_ = c.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"suspicious", "malicious"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func (o *Options) validate() error {
	if o.FailOn != "" && rank(o.FailOn) < rank("suspicious") {
		return cmdutil.FlagErrorf("invalid --fail-on %q: want suspicious or malicious", o.FailOn)
	}
	if o.MaxScore < -1 || o.MaxScore > 100 {
		return cmdutil.FlagErrorf("invalid --max-score %d: want 0 to 100", o.MaxScore)
	}
	return nil
}

// rank orders classifications: unknown < neutral < suspicious < malicious.
func rank(class string) int {
	switch strings.ToLower(class) {
	case "neutral":
		return 1
	case "suspicious":
		return 2
	case "malicious":
		return 3
	}
	return 0
}

func reputationRun(ctx context.Context, opts *Options) error {
	gate := &gate{failOn: opts.FailOn, maxScore: opts.MaxScore}
	err := opts.PrintHostEntities(ctx, opts.Args, View, path, gate.inspect)
	return gate.result(opts.IO.ErrOut, err)
}

func path(in lookup.Input) string { return graph.TIPath("hosts", in.Key, "reputation") }

// gate counts the hosts that meet the --fail-on / --max-score threshold.
type gate struct {
	failOn   string
	maxScore int

	mu      sync.Mutex
	checked int
	hits    int
}

func (g *gate) enabled() bool { return g.failOn != "" || g.maxScore >= 0 }

// inspect reads a reputation record's verdict on its way to the printer.
func (g *gate) inspect(_ lookup.Input, rec []byte) error {
	var rep graph.HostReputation
	if err := json.Unmarshal(rec, &rep); err != nil {
		return fmt.Errorf("decode reputation: %w", err)
	}
	g.observe(rep.Classification, int(rep.Score))
	return nil
}

func (g *gate) observe(class string, score int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checked++
	if g.failOn != "" && rank(class) >= rank(g.failOn) || g.maxScore >= 0 && score > g.maxScore {
		g.hits++
	}
}

// result prints the summary and folds the threshold into the run's outcome: a worse
// outcome (an error) keeps its own exit code, by the priority rule of docs/reference.md §4.
func (g *gate) result(stderr io.Writer, runErr error) error {
	if !g.enabled() || g.checked == 0 && runErr != nil {
		return runErr
	}
	fmt.Fprintf(stderr, "%d of %d %s %s\n", g.hits, g.checked, plural(g.checked, "host"), g.describe())
	if g.hits == 0 {
		return runErr
	}
	if runErr != nil {
		return &cmdutil.SilentError{Code: cmdutil.WorseExit(cmdutil.ExitCode(runErr), cmdutil.ExitThreshold)}
	}
	return &cmdutil.SilentError{Code: cmdutil.ExitThreshold}
}

func (g *gate) describe() string {
	var parts []string
	if g.failOn != "" {
		parts = append(parts, "at or above "+g.failOn)
	}
	if g.maxScore >= 0 {
		parts = append(parts, fmt.Sprintf("scored above %d", g.maxScore))
	}
	return strings.Join(parts, " or ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
