package hunt

import (
	"io"
	"os"
	"strings"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// maxQueryBytes bounds a query read from a file or stdin; a KQL query is text a person
// wrote, far below this.
const maxQueryBytes = 1 << 20

// readQuery takes the KQL from the argument, -f FILE (- for stdin), or stdin ("-" as the
// argument, or no argument with stdin piped). An empty query is a usage error: Graph
// would only answer 400.
func readQuery(ios *iostreams.IOStreams, args []string, file string) (string, error) {
	var (
		q   string
		err error
	)
	switch {
	case len(args) == 1 && file != "":
		return "", cmdutil.FlagErrorf("give the query as an argument or with -f FILE, not both")
	case file == "-" || len(args) == 1 && args[0] == "-" || len(args) == 0 && file == "" && !ios.IsStdinTTY():
		q, err = readAllBounded(ios.In, "stdin")
	case file != "":
		q, err = readFile(file)
	case len(args) == 1:
		q = args[0]
	default:
		return "", cmdutil.FlagErrorf("no query: pass the KQL as an argument, with -f FILE, or on stdin")
	}
	if err != nil {
		return "", err
	}
	q = strings.TrimSpace(strings.TrimPrefix(q, "\ufeff"))
	if q == "" {
		return "", cmdutil.FlagErrorf("the query is empty")
	}
	return q, nil
}

func readFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", cmdutil.FlagErrorf("read query file: %w", err)
	}
	defer f.Close()
	return readAllBounded(f, path)
}

func readAllBounded(r io.Reader, name string) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxQueryBytes+1))
	if err != nil {
		return "", cmdutil.FlagErrorf("read query from %s: %w", name, err)
	}
	if len(b) > maxQueryBytes {
		return "", cmdutil.FlagErrorf("the query in %s is over %d MiB", name, maxQueryBytes>>20)
	}
	return string(b), nil
}
