package shared

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// GateFlags declares --fail-on and --max-score, the threshold that turns the exit code
// to 3 (docs/reference.md §5): `reputation` and the enrich commands gate alike.
func GateFlags(c *cobra.Command, failOn *string, maxScore *int) {
	c.Flags().StringVar(failOn, "fail-on", "", "exit 3 when any host is `CLASS` or worse: suspicious or malicious")
	c.Flags().IntVar(maxScore, "max-score", -1, "exit 3 when any host's score is above `N` (0-100)")
	_ = c.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"suspicious", "malicious"}, cobra.ShellCompDirectiveNoFileComp))
}

// ValidateGate checks the threshold flags before anything is sent.
func ValidateGate(failOn string, maxScore int) error {
	if failOn != "" && classRank(failOn) < classRank("suspicious") {
		return cmdutil.FlagErrorf("invalid --fail-on %q: want suspicious or malicious", failOn)
	}
	if maxScore < -1 || maxScore > 100 {
		return cmdutil.FlagErrorf("invalid --max-score %d: want 0 to 100", maxScore)
	}
	return nil
}

// classRank orders classifications: unknown < neutral < suspicious < malicious.
func classRank(class string) int {
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

// Gate counts the hosts that meet the --fail-on / --max-score threshold. It is safe for
// concurrent use: the lookup engine inspects records from several workers.
type Gate struct {
	failOn   string
	maxScore int // -1 = off

	mu      sync.Mutex
	checked int
	hits    int
}

// NewGate is the threshold of validated flags (ValidateGate).
func NewGate(failOn string, maxScore int) *Gate {
	return &Gate{failOn: failOn, maxScore: maxScore}
}

func (g *Gate) enabled() bool { return g.failOn != "" || g.maxScore >= 0 }

// Inspect reads a reputation record's verdict on its way to the printer: a
// lookup.Engine's Inspect.
func (g *Gate) Inspect(_ lookup.Input, rec []byte) error {
	var rep graph.HostReputation
	if err := json.Unmarshal(rec, &rep); err != nil {
		return fmt.Errorf("decode reputation: %w", err)
	}
	g.Observe(rep.Classification, int(rep.Score))
	return nil
}

// Observe counts one host's verdict.
func (g *Gate) Observe(class string, score int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checked++
	if g.failOn != "" && classRank(class) >= classRank(g.failOn) || g.maxScore >= 0 && score > g.maxScore {
		g.hits++
	}
}

// Result prints the summary and folds the threshold into the run's outcome: a worse
// outcome (an error) keeps its own exit code, by the priority rule of docs/reference.md §4.
func (g *Gate) Result(stderr io.Writer, runErr error) error {
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

func (g *Gate) describe() string {
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
