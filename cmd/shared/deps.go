// Package shared holds what several cmd/<noun> packages use: the views of records more
// than one command prints, and the few steps every lookup command takes (read the inputs,
// build the printer, run the lookup engine). cmd/<noun> packages never import each other.
package shared

import (
	"strconv"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Deps are the dependencies of a command that reads Graph and prints records. Command
// options embed it, so they name exactly these and nothing else of the factory.
type Deps struct {
	IO          *iostreams.IOStreams
	Config      func() (*config.Config, error)
	GraphClient func() (*graph.Client, error)
	// Flags are the invocation's --fields, --jq, --limit, --all, --input-file and --csv-raw.
	Flags *cmdutil.GlobalFlags
	// Empty says, on a terminal, that an input had no records ("no cookies observed for
	// 8.8.8.8"); query is "" for a list that takes no input. nil says "no records for …".
	Empty func(query string) string
	// SpoolAfter is how many HOSTs HostInputs keeps in memory before it spools the rest to
	// a temporary file; 0 is lookup.DefaultSpoolAfter. Only the tests lower it, through
	// MDTI_SPOOL_AFTER (spoolAfter), to spool a short list.
	SpoolAfter int
}

// NewDeps takes a lookup command's dependencies from the factory.
func NewDeps(f *cmdutil.Factory) Deps {
	return Deps{IO: f.IOStreams, Config: f.Config, GraphClient: f.GraphClient, Flags: f.Flags, SpoolAfter: spoolAfter(f.Getenv)}
}

// spoolAfter reads MDTI_SPOOL_AFTER, a setting for tests only and not part of the
// reference: the stories set it low to prove that a spooled list runs as one in memory.
// Anything but a positive number is the default.
func spoolAfter(getenv func(string) string) int {
	if getenv == nil {
		return 0
	}
	n, err := strconv.Atoi(getenv("MDTI_SPOOL_AFTER"))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
