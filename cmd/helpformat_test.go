package cmd_test

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Every command's help fits 80 columns (example command lines aside, which are shown as
// typed), shows one Usage form, and leaves out the global flags it has no use for.
func TestHelpFitsEightyColumns(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, _, cleanup := cmd.NewRoot(ios, func(string) string { return "" })
	defer cleanup()
	var paths [][]string
	walk(root, func(c *cobra.Command) {
		if !c.Hidden {
			paths = append(paths, strings.Fields(strings.TrimPrefix(c.CommandPath(), "mdti")))
		}
	})
	for _, p := range paths {
		help := runHelp(t, 80, append(p, "--help")...)
		inExamples := false
		for _, line := range strings.Split(help, "\n") {
			switch {
			case line == "Examples:":
				inExamples = true
			case line == "":
				inExamples = false
			case !inExamples && len([]rune(line)) > 79:
				t.Errorf("mdti %s --help: a line of %d columns: %q", strings.Join(p, " "), len([]rune(line)), line)
			}
		}
		if strings.Count(help, "Usage:\n") != 1 || strings.Contains(help, " [command]\n") {
			t.Errorf("mdti %s --help: want one Usage form:\n%s", strings.Join(p, " "), help)
		}
	}
	host := runHelp(t, 80, "host", "--help")
	if strings.Contains(host, "--all") || strings.Contains(host, "--limit") || !strings.Contains(host, "--output") {
		t.Errorf("host --help shows --all/--limit, or lost --output:\n%s", host)
	}
	if rep := runHelp(t, 80, "reputation", "--help"); strings.Contains(rep, "(default -1)") {
		t.Errorf("--max-score shows its off value as a default:\n%s", rep)
	}
	if top := runHelp(t, 80, "--help"); !strings.Contains(top, "\n  help ") || strings.Contains(top, "Help about") {
		t.Errorf("the help entry is missing or capitalised:\n%s", top)
	}
	// At 200 columns prose is not broken at 80.
	if wide := runHelp(t, 200, "pdns", "--help"); !strings.Contains(wide, "what a host name resolved to (A, AAAA, CNAME, NS, MX… records) or, with --reverse") {
		t.Errorf("pdns --help at 200 columns is not reflowed:\n%s", wide)
	}
}

func runHelp(t *testing.T, width int, args ...string) string {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetWidth(width)
	if code := cmd.Run(context.Background(), args, ios, func(string) string { return "" }); code != 0 {
		t.Fatalf("mdti %v: exit %d: %s", args, code, errOut)
	}
	return out.String()
}
