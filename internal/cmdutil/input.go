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
// refanged, validated up front (every invalid input is reported, nothing is sent), in
// input order. A repeated HOST stays: it is its own input, and the lookup engine asks
// Graph about its key once.
func ReadHosts(ios *iostreams.IOStreams, args []string, inputFile string) ([]indicator.Host, error) {
	var hosts []indicator.Host
	err := EachHost(ios, args, inputFile, func(h indicator.Host) { hosts = append(hosts, h) })
	if err != nil {
		return nil, err
	}
	return hosts, nil
}

// EachHost is ReadHosts handing each valid HOST to keep as it is read, in input order,
// so that a caller keeps only what it needs of each (a million inputs are a million of
// whatever it keeps). keep is not called again once an input was invalid; the error
// then reports every problem, and the caller must drop what it kept.
func EachHost(ios *iostreams.IOStreams, args []string, inputFile string, keep func(indicator.Host)) error {
	v := hostValidator{keep: keep}
	if err := collect(ios, args, inputFile, "HOST", v.add); err != nil {
		return err
	}
	return v.problems.Err()
}

// collect hands every raw input to visit as it is read, so that a huge input is validated
// as it streams rather than held whole. No argument is a usage error; an empty list read
// from stdin or a file is not (a CI job's list may be empty today): it is no inputs, with
// a note on a terminal (docs/reference.md §1). noun names the inputs in messages.
func collect(ios *iostreams.IOStreams, args []string, inputFile, noun string, visit func(rawInput)) error {
	n := 0
	count := func(r rawInput) { n++; visit(r) }
	fromStdin := len(args) == 1 && args[0] == "-" || len(args) == 0 && inputFile == "" && !ios.IsStdinTTY()
	var err error
	source := "stdin"
	switch {
	case inputFile != "" && len(args) > 0:
		return FlagErrorf("give %ss as arguments or with --input-file, not both", noun)
	case inputFile == "-" || fromStdin:
		err = readLines(ios.In, source, count)
	case inputFile != "":
		source = inputFile
		err = readFileLines(inputFile, count)
	default:
		if err = splitArgs(args, count); err == nil && n == 0 {
			err = FlagErrorf("no %s given: pass one or more as arguments, pipe them on stdin or use -i FILE", noun)
		}
		return err
	}
	if err == nil && n == 0 && (ios.IsStdoutTTY() || ios.IsStderrTTY()) {
		fmt.Fprintf(ios.ErrOut, "no %ss in %s: nothing to look up\n", noun, source)
	}
	return err
}

// splitArgs takes arguments, each of which may hold several comma-separated HOSTs.
func splitArgs(args []string, visit func(rawInput)) error {
	for _, a := range args {
		if a == "-" {
			return FlagErrorf(`"-" (read stdin) must be the only argument`)
		}
	}
	for i, a := range args {
		splitCommas(a, fmt.Sprintf("argument %d", i+1), 0, visit)
	}
	return nil
}

// splitCommas splits "a.com, b.com" into its HOSTs; empty pieces around commas are
// dropped, but a wholly empty input is kept so that validation reports it.
// A URL keeps its commas: in "https://x/?next=a,b" or "x.com?next=a,b" they belong to the
// query, and splitting them would look up "b".
func splitCommas(s, source string, line int, visit func(rawInput)) {
	if !strings.Contains(s, ",") || strings.ContainsAny(s, "/?#=") {
		visit(rawInput{text: s, source: source, line: line})
		return
	}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) != "" {
			visit(rawInput{text: part, source: source, line: line})
		}
	}
}

func readFileLines(path string, visit func(rawInput)) error {
	f, err := os.Open(path)
	if err != nil {
		return FlagErrorf("read input file: %w", err)
	}
	defer f.Close()
	return readLines(f, path, visit)
}

// readLines reads one HOST per line, skipping blank lines and # comments; a line may also
// hold comma-separated HOSTs.
func readLines(r io.Reader, name string, visit func(rawInput)) error {
	r, err := indicator.TextReader(r) // a UTF-16 file (PowerShell's Out-File) is named as such
	if err != nil {
		return FlagErrorf("read %s: %w", name, err)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	n := 1
	for ; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		splitCommas(line, name, n, visit)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return FlagErrorf("read %s: line %d is longer than %d KiB: not a list of HOSTs or ids, one per line", name, n, maxLineBytes/1024)
	} else if err != nil {
		return FlagErrorf("read %s: %w", name, err)
	}
	return nil
}

// hostValidator validates HOSTs as they are read: the valid ones go to keep in input
// order, repeats too, the first invalid ones kept for the message (InputError caps them).
type hostValidator struct {
	keep     func(indicator.Host)
	problems InputError
}

func (v *hostValidator) add(r rawInput) {
	h, err := indicator.ParseHost(r.text)
	if err != nil {
		// %+q: a homograph's look-alike letter shows as \u0430, never as itself.
		v.problems.AddProblem(fmt.Sprintf("%s %+q: %v", r.where(), r.text, err))
		return
	}
	if v.problems.count() > 0 {
		return // once one input is invalid nothing is sent: keep no more hosts
	}
	v.keep(h)
}
