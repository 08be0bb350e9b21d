package cmd_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// examplesSkipped are example lines that cannot run in a test, and why.
var examplesSkipped = map[string]string{
	"mdti emulator":                   "serves until interrupted",
	"mdti auth login":                 "signs in interactively against Entra ID",
	"mdti auth logout":                "the demo keeps no saved sign-ins to forget",
	"mdti --profile prod auth logout": "the demo keeps no saved sign-ins to forget",
	"mdti config set":                 "the demo neither reads nor writes a config file",
}

// Every `Example:` line of every command runs under --demo and exits 0, or 3 when it
// sets a threshold the demo data meets: README promises it. A pipeline runs whole: `echo`
// feeds the next command's stdin, each mdti command reads the one before's stdout (through
// `xargs mdti …` as arguments), and the line stops at the first other program (jq, a
// shell's own) or redirection. A part that reads a file of the user's is not run, nor is
// what follows it. A command with nothing piped in has a terminal for stdin, where a
// question (delete's) is answered yes.
func TestEveryExampleRunsOnTheDemo(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, _, cleanup := cmd.NewRoot(ios, func(string) string { return "" })
	defer cleanup()
	var examples []string
	walk(root, func(c *cobra.Command) {
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); strings.HasPrefix(line, "mdti ") || strings.HasPrefix(line, "echo ") {
				examples = append(examples, line)
			}
		}
	})
	if len(examples) < 40 {
		t.Fatalf("found %d examples: the walk is broken", len(examples))
	}
	piped := 0
	for _, ex := range examples {
		steps := exampleSteps(ex)
		if len(steps) == 0 {
			continue
		}
		if len(steps) > 1 {
			piped++
		}
		t.Run(ex, func(t *testing.T) {
			for prefix, why := range examplesSkipped {
				if strings.HasPrefix(ex, prefix) {
					t.Skip(why)
				}
			}
			runExample(t, ex, steps)
		})
	}
	if piped < 10 {
		t.Errorf("only %d examples ran as pipelines: the pipeline split is broken", piped)
	}
}

// exampleStep is one part of an example pipeline: an mdti command, or `echo` text.
type exampleStep struct {
	args  []string // mdti's arguments, without "mdti"; nil for echo
	echo  string   // what echo prints, newline included
	xargs bool     // the previous stdout becomes arguments, not stdin
}

// exampleSteps splits an example into the steps a test can run, up to the first part
// that is neither mdti nor echo, that redirects, or that reads a file of the user's.
func exampleSteps(line string) []exampleStep {
	var steps []exampleStep
	for _, part := range splitPipeline(line) {
		words, open := shellWords(part, "<>&#")
		if open || len(words) == 0 {
			break
		}
		step := exampleStep{}
		if words[0] == "xargs" {
			step.xargs, words = true, words[1:]
		}
		switch {
		case len(words) > 0 && words[0] == "echo" && !step.xargs:
			step.echo = strings.Join(words[1:], " ") + "\n"
		case len(words) > 0 && words[0] == "mdti":
			step.args = words[1:]
			if readsUserFile(step.args, len(steps) > 0) {
				return steps
			}
		default:
			return steps
		}
		steps = append(steps, step)
		if redirects(part) {
			break
		}
	}
	if len(steps) == 1 && steps[0].args == nil {
		return nil // echo alone: nothing of mdti's
	}
	return steps
}

// readsUserFile says an mdti command needs a file or a stdin the test does not have:
// -i FILE, --input FILE, @FILE, --message-file, or stdin ("-") with nothing piped in.
func readsUserFile(args []string, piped bool) bool {
	for i, a := range args {
		next := ""
		if i+1 < len(args) {
			next = args[i+1]
		}
		switch {
		case (a == "-i" || a == "--input" || a == "--input-file") && next != "-":
			return true
		case strings.HasPrefix(a, "--input-file=") && a != "--input-file=-",
			strings.HasPrefix(a, "--message-file"), strings.HasPrefix(a, "@"):
			return true
		case (a == "-" || next == "-" && (a == "-i" || a == "--input" || a == "--input-file")) && !piped:
			return true
		}
	}
	return false
}

// redirects says a part ends in a shell operator after which nothing of it runs here.
func redirects(part string) bool {
	words, _ := shellWords(part, "")
	for _, w := range words {
		if w == ">" || w == ">>" || w == "<" || w == "&&" || strings.HasPrefix(w, "#") {
			return true
		}
	}
	return false
}

// runExample runs the steps in order, each reading the one before's stdout.
func runExample(t *testing.T, line string, steps []exampleStep) {
	t.Helper()
	stdin, piped := "", false
	for k, step := range steps {
		if step.args == nil {
			stdin, piped = step.echo, true
			continue
		}
		args := step.args
		if step.xargs {
			args = append(append([]string{}, args...), strings.Fields(stdin)...)
			stdin, piped = "", false
		}
		code, out, errOut := runDemo(t, stdin, piped, args)
		last := k == len(steps)-1
		if code != 0 && !(code == 3 && threshold(args)) {
			t.Errorf("%s: step %d exit %d\nstdout: %.500s\nstderr: %.500s", line, k+1, code, out, errOut)
			return
		}
		if code == 0 && strings.TrimSpace(out) == "" && (!last || !quiet(args)) {
			t.Errorf("%s: step %d printed nothing (stderr %.300q)", line, k+1, errOut)
			return
		}
		stdin, piped = out, true
	}
}

func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walk(sub, f)
	}
}

func threshold(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "--fail-on") || strings.HasPrefix(a, "--max-score") {
			return true
		}
	}
	return false
}

// quiet are examples whose success prints nothing on stdout: a setting written, a write
// Graph answers 204 (confirmed on a terminal's stderr only), or doctor's filter for failed
// checks on the demo, where none fail.
func quiet(args []string) bool {
	joined := strings.Join(args, " ")
	return len(args) > 0 && (args[0] == "config" || args[0] == "auth") ||
		strings.Contains(joined, "actions cancel") || strings.Contains(joined, "indicators delete") ||
		strings.Contains(joined, "score control") && strings.Contains(joined, "--state") ||
		strings.Contains(joined, "doctor -o json --jq")
}

// runDemo runs mdti --demo in process. With nothing piped in, stdin is a terminal that
// answers yes to a question.
func runDemo(t *testing.T, stdin string, piped bool, args []string) (int, string, string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	if !piped {
		ios.SetStdinTTY(true)
		stdin = "y\n"
	}
	in.WriteString(stdin)
	dir := t.TempDir()
	env := map[string]string{"MDTI_CONFIG_DIR": dir, "MDTI_CACHE_DIR": dir, "HOME": dir}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if len(args) == 0 || args[0] != "--demo" {
		args = append([]string{"--demo"}, args...)
	}
	code := cmd.Run(ctx, args, ios, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// splitPipeline splits a command line at the pipes outside quotes.
func splitPipeline(s string) []string {
	var parts []string
	var quote rune
	start := 0
	for i, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case quote == 0 && r == '|':
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

// shellWords splits a command line on blanks as a shell would, honouring '…' and "…",
// up to the first rune of stop outside quotes and words; open says a quote was left open.
func shellWords(line, stop string) (words []string, open bool) {
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case !inWord && strings.ContainsRune(stop, r):
			return words, false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, quote != 0
}
