package cmdutil

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// maxLineBytes bounds one input line; a longer line cannot be a valid HOST anyway.
const maxLineBytes = 64 * 1024

// rawInput is one input before validation, with where it came from for error messages.
type rawInput struct {
	text   string
	source string // "argument 2", "stdin", "hosts.txt"
	line   int    // the line in source; 0 for an argument
}

// where says where the input came from: "argument 2", "stdin line 14", "hosts.txt line 3".
// It is built only for an error, so a million lines cost no million strings.
func (r rawInput) where() string {
	if r.line == 0 {
		return r.source
	}
	return fmt.Sprintf("%s line %d", r.source, r.line)
}

// ReadHosts collects HOST inputs from arguments, stdin or -i FILE (docs/reference.md §1):
// refanged, validated up front (every invalid input is reported, nothing is sent),
// de-duplicated by host key, in input order.
func ReadHosts(ios *iostreams.IOStreams, args []string, inputFile string) ([]indicator.Host, error) {
	raws, err := collect(ios, args, inputFile)
	if err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, FlagErrorf("no HOST given: pass one or more as arguments, pipe them on stdin or use -i FILE")
	}
	return validate(raws)
}

func collect(ios *iostreams.IOStreams, args []string, inputFile string) ([]rawInput, error) {
	fromStdin := len(args) == 1 && args[0] == "-" || len(args) == 0 && inputFile == "" && !ios.IsStdinTTY()
	switch {
	case inputFile != "" && len(args) > 0:
		return nil, FlagErrorf("give HOSTs as arguments or with --input-file, not both")
	case inputFile == "-" || fromStdin:
		return readLines(ios.In, "stdin")
	case inputFile != "":
		return readFileLines(inputFile)
	}
	return splitArgs(args)
}

// splitArgs takes arguments, each of which may hold several comma-separated HOSTs.
func splitArgs(args []string) ([]rawInput, error) {
	var out []rawInput
	for i, a := range args {
		if a == "-" {
			return nil, FlagErrorf(`"-" (read stdin) must be the only argument`)
		}
		out = append(out, splitCommas(a, fmt.Sprintf("argument %d", i+1), 0)...)
	}
	return out, nil
}

// splitCommas splits "a.com, b.com" into its HOSTs; empty pieces around commas are
// dropped, but a wholly empty input is kept so that validation reports it.
// A URL keeps its commas: in "https://x/?next=a,b" they belong to the query.
func splitCommas(s, source string, line int) []rawInput {
	if !strings.Contains(s, ",") || strings.Contains(s, "/") {
		return []rawInput{{text: s, source: source, line: line}}
	}
	var out []rawInput
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) != "" {
			out = append(out, rawInput{text: part, source: source, line: line})
		}
	}
	return out
}

func readFileLines(path string) ([]rawInput, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, FlagErrorf("read input file: %w", err)
	}
	defer f.Close()
	return readLines(f, path)
}

// readLines reads one HOST per line, skipping blank lines and # comments; a line may also
// hold comma-separated HOSTs.
func readLines(r io.Reader, name string) ([]rawInput, error) {
	r, err := indicator.TextReader(r) // a UTF-16 file (PowerShell's Out-File) is named as such
	if err != nil {
		return nil, FlagErrorf("read %s: %w", name, err)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	var out []rawInput
	n := 1
	for ; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, splitCommas(line, name, n)...)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, FlagErrorf("read %s line %d: the line is longer than %d KiB: one HOST per line", name, n, maxLineBytes/1024)
	} else if err != nil {
		return nil, FlagErrorf("read %s: %w", name, err)
	}
	return out, nil
}

func validate(raws []rawInput) ([]indicator.Host, error) {
	seen := make(map[string]bool, len(raws))
	hosts := make([]indicator.Host, 0, len(raws))
	var problems InputError
	for _, r := range raws {
		h, err := indicator.ParseHost(r.text)
		if err != nil {
			// %+q: a homograph's look-alike letter shows as \u0430, never as itself.
			problems.AddProblem(fmt.Sprintf("%s %+q: %v", r.where(), r.text, err))
			continue
		}
		if seen[h.Key] {
			continue
		}
		seen[h.Key] = true
		hosts = append(hosts, h)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return hosts, nil
}
