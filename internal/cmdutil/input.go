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
	text  string
	where string // "argument 2", "stdin line 14", "hosts.txt line 3"
}

// ReadHosts collects HOST inputs from arguments, stdin or -i FILE (docs/reference.md §1):
// refanged, validated up front (every invalid input is reported, nothing is sent), in
// input order. A repeated HOST stays: it is its own input, and the lookup engine asks
// Graph about its key once.
func ReadHosts(ios *iostreams.IOStreams, args []string, inputFile string) ([]indicator.Host, error) {
	raws, err := collect(ios, args, inputFile, "HOST")
	if err != nil || len(raws) == 0 {
		return nil, err
	}
	return validate(raws)
}

// collect reads the raw inputs. No argument is a usage error; an empty list read from
// stdin or a file is not (a CI job's list may be empty today): it is no inputs, with a
// note on a terminal (docs/reference.md §1).
func collect(ios *iostreams.IOStreams, args []string, inputFile, noun string) ([]rawInput, error) {
	fromStdin := len(args) == 1 && args[0] == "-" || len(args) == 0 && inputFile == "" && !ios.IsStdinTTY()
	var raws []rawInput
	var err error
	source := "stdin"
	switch {
	case inputFile != "" && len(args) > 0:
		return nil, FlagErrorf("give %ss as arguments or with --input-file, not both", noun)
	case inputFile == "-" || fromStdin:
		raws, err = readLines(ios.In, source)
	case inputFile != "":
		source = inputFile
		raws, err = readFileLines(inputFile)
	default:
		raws, err = splitArgs(args)
		if err == nil && len(raws) == 0 {
			err = FlagErrorf("no %s given: pass one or more as arguments, pipe them on stdin or use -i FILE", noun)
		}
		return raws, err
	}
	if err == nil && len(raws) == 0 && (ios.IsStdoutTTY() || ios.IsStderrTTY()) {
		fmt.Fprintf(ios.ErrOut, "no %ss in %s: nothing to look up\n", noun, source)
	}
	return raws, err
}

// splitArgs takes arguments, each of which may hold several comma-separated HOSTs.
func splitArgs(args []string) ([]rawInput, error) {
	var out []rawInput
	for i, a := range args {
		if a == "-" {
			return nil, FlagErrorf(`"-" (read stdin) must be the only argument`)
		}
		out = append(out, splitCommas(a, fmt.Sprintf("argument %d", i+1))...)
	}
	return out, nil
}

// splitCommas splits "a.com, b.com" into its HOSTs; empty pieces around commas are
// dropped, but a wholly empty input is kept so that validation reports it.
// A URL keeps its commas: in "https://x/?next=a,b" they belong to the query.
func splitCommas(s, where string) []rawInput {
	if !strings.Contains(s, ",") || strings.Contains(s, "/") {
		return []rawInput{{text: s, where: where}}
	}
	var out []rawInput
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) != "" {
			out = append(out, rawInput{text: part, where: where})
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
		out = append(out, splitCommas(line, fmt.Sprintf("%s line %d", name, n))...)
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, FlagErrorf("read %s: line %d is longer than %d KiB: not a list of HOSTs or ids, one per line", name, n, maxLineBytes/1024)
	} else if err != nil {
		return nil, FlagErrorf("read %s: %w", name, err)
	}
	return out, nil
}

func validate(raws []rawInput) ([]indicator.Host, error) {
	hosts := make([]indicator.Host, 0, len(raws))
	var problems []string
	for _, r := range raws {
		h, err := indicator.ParseHost(r.text)
		if err != nil {
			// %+q: a homograph's look-alike letter shows as \u0430, never as itself.
			problems = append(problems, fmt.Sprintf("%s %+q: %v", r.where, r.text, err))
			continue
		}
		hosts = append(hosts, h)
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	return hosts, nil
}
