// Package shared holds what several cmd/<noun> packages use: the views of records more
// than one command prints, and the few steps every lookup command takes (read the inputs,
// build the printer, run the lookup engine). cmd/<noun> packages never import each other.
package shared

import (
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
}

// NewDeps takes a lookup command's dependencies from the factory.
func NewDeps(f *cmdutil.Factory) Deps {
	return Deps{IO: f.IOStreams, Config: f.Config, GraphClient: f.GraphClient, Flags: f.Flags}
}
