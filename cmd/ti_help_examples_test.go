package cmd_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Every example in the help of `indicators` and `actions` runs on --demo and exits 0: a
// pipeline feeds the first command's stdout to the second; an example that reads a file of
// the user's (-i FILE, --input FILE, > FILE) is skipped. On a terminal, delete's question
// is answered yes.
func TestIndicatorAndActionHelpExamplesRunOnDemo(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, _, done := cmd.NewRoot(ios, func(string) string { return "" })
	defer done()
	ran := 0
	for _, noun := range []string{"indicators", "actions"} {
		c, _, err := root.Find([]string{noun})
		if err != nil {
			t.Fatal(err)
		}
		for _, sub := range append([]*cobra.Command{c}, c.Commands()...) {
			for _, line := range strings.Split(sub.Example, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || usesUserFile(line) {
					continue
				}
				ran++
				runExampleLine(t, line)
			}
		}
	}
	if ran < 25 {
		t.Errorf("only %d examples ran", ran)
	}
}

func usesUserFile(line string) bool {
	return strings.Contains(line, " > ") || (strings.Contains(line, " -i ") && !strings.Contains(line, " -i -")) ||
		(strings.Contains(line, "--input ") && !strings.Contains(line, "--input -"))
}

// runExampleLine runs "A | B" or "A", where A may be `echo 'text'`.
func runExampleLine(t *testing.T, line string) {
	t.Helper()
	stdin, piped := "", false
	for _, part := range splitPipeline(line) {
		args := splitWords(t, part)
		if args[0] == "echo" {
			stdin, piped = strings.Join(args[1:], " ")+"\n", true
			continue
		}
		if args[0] != "mdti" {
			t.Fatalf("%s: not an mdti command", part)
		}
		code, out, errOut := runDemoPiped(t, stdin, piped, append(args[1:], "--demo")...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", line, code, errOut)
			return
		}
		if strings.TrimSpace(out) == "" && strings.Contains(line, "|") {
			t.Errorf("%s: %s printed nothing to pipe on", line, part)
			return
		}
		stdin, piped = out, true
	}
}

// runDemoPiped runs mdti in process with stdin and stdout on a terminal when no stdin is piped.
func runDemoPiped(t *testing.T, stdin string, piped bool, args ...string) (int, string, string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	if !piped {
		ios.SetStdinTTY(true)
		stdin = "y\n" // delete's question
	}
	in.WriteString(stdin)
	env := map[string]string{"MDTI_CONFIG_DIR": t.TempDir()}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
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

// splitWords splits a shell command line on blanks, honouring '…' and "…".
func splitWords(t *testing.T, s string) []string {
	t.Helper()
	words, open := shellWords(s, "")
	if open {
		t.Fatalf("unbalanced quote in %q", s)
	}
	return words
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

// cancelSecurityAction answers 200 with no body: nothing on stdout, and a confirmation on
// stderr only when it is a terminal.
func TestCancelConfirmsOnATerminalOnly(t *testing.T) {
	for _, tty := range []bool{true, false} {
		srv := httptest.NewServer(emulator.New(emulator.Options{Seed: 1}))
		code, out, errOut := runInProcess(t, srv.URL, "", tty, "actions", "cancel", "1234567890")
		srv.Close()
		want := ""
		if tty {
			want = "✓ cancelled security action 1234567890\n"
		}
		if code != 0 || out != "" || errOut != want {
			t.Errorf("tty=%v: exit %d, stdout %q, stderr %q, want %q", tty, code, out, errOut, want)
		}
	}
}
