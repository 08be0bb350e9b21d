package shared

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// GateFlags declares --fail-on and --max-score, the threshold that turns the exit code
// to 3 (docs/reference.md §5): `reputation` and the enrich commands gate alike. Leaving
// --max-score out is "off"; no value turns it off.
func GateFlags(c *cobra.Command, failOn *string, maxScore *int) {
	c.Flags().StringVar(failOn, "fail-on", "", "exit 3 when any host is `CLASS` or worse: suspicious or malicious")
	*maxScore = -1
	c.Flags().Var(scoreFlag{maxScore}, "max-score", "exit 3 when any host's score is above `N` (0-100)")
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

// scoreFlag is --max-score: a whole number from 0 to 100. Its "off" value (-1) can only be
// had by leaving the flag out, and help does not show it as a default, as it would an
// IntVar's "(default -1)".
type scoreFlag struct{ n *int }

func (s scoreFlag) String() string {
	if s.n == nil || *s.n < 0 {
		return ""
	}
	return strconv.Itoa(*s.n)
}

func (s scoreFlag) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("strconv.Atoi: %w", err) // said in words by the root's flag errors
	}
	if n < 0 || n > 100 {
		return fmt.Errorf("want 0 to 100 (leave --max-score out to turn it off)")
	}
	*s.n = n
	return nil
}

func (s scoreFlag) Type() string { return "int" }

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

	mu       sync.Mutex
	verdicts int // verdicts observed
	checked  int // what the summary counts
	hits     int // of checked, those that met the threshold
}

// NewGate is the threshold of validated flags (ValidateGate).
func NewGate(failOn string, maxScore int) *Gate {
	return &Gate{failOn: failOn, maxScore: maxScore}
}

func (g *Gate) enabled() bool { return g.failOn != "" || g.maxScore >= 0 }

func (g *Gate) meets(class string, score int) bool {
	return g.failOn != "" && classRank(class) >= classRank(g.failOn) || g.maxScore >= 0 && score > g.maxScore
}

// Inspect reads a reputation record's verdict on its way to the printer: a
// lookup.Engine's Inspect. The engine inspects a repeated key's record again for each
// input that repeats it, so the hits count inputs, not keys, and nothing is kept per key.
func (g *Gate) Inspect(_ lookup.Input, rec []byte) error {
	var rep graph.HostReputation
	if err := json.Unmarshal(rec, &rep); err != nil {
		return fmt.Errorf("decode reputation: %w", err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.verdicts++
	if g.meets(rep.Classification, int(rep.Score)) {
		g.hits++
	}
	return nil
}

// CountInputs makes the summary count every input, repeats and failed ones included: a
// host given twice is looked up once but counts twice, so "1 of 4 hosts" speaks of the
// four lines the script gave. n is the number of inputs.
func (g *Gate) CountInputs(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checked = n
}

// Observe counts one host's verdict directly (enrich: once per host looked up).
func (g *Gate) Observe(class string, score int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.verdicts++
	g.checked++
	if g.meets(class, score) {
		g.hits++
	}
}

// Result prints the summary and folds the threshold into the run's outcome: a worse
// outcome (an error) keeps its own exit code, by the priority rule of docs/reference.md §4.
func (g *Gate) Result(stderr io.Writer, runErr error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.enabled() || g.verdicts == 0 && runErr != nil {
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
