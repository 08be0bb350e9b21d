package cmd

import (
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lazy"
)

// widthAnnotation carries the terminal width on the root, for the help templates.
const widthAnnotation = "mdti/help-width"

// pointlessGlobals are the global flags that mean nothing to a command and its
// subcommands: help leaves them out, the command still accepts them.
var pointlessGlobals = lazy.Value[map[string][]string]{New: func() map[string][]string {
	list := []string{"all", "limit"}
	lookup := []string{"all", "limit", "input-file"}
	everything := []string{"all", "limit", "input-file", "fields", "jq", "csv-raw", "output",
		"api-version", "endpoint", "authority-host", "ca-cert", "profile", "config",
		"concurrency", "timeout", "debug", "no-color", "color", "demo"}
	return map[string][]string{
		"mdti host":       list,
		"mdti reputation": list,
		"mdti auth":       lookup,
		"mdti config":     append(lookup, "concurrency"),
		"mdti emulator":   append(lookup, "fields", "jq", "csv-raw", "output", "concurrency"),
		"mdti completion": everything,
		"mdti version":    everything,
		"mdti exit-codes": everything,
		"mdti help":       everything,
	}
}}

// usageTemplate is cobra's, with one Usage form, text reflowed to the terminal and the
// global flags a command has no use for left out.
const usageTemplate = `Usage:
  {{if .Runnable}}{{useLine .}}{{else}}{{.CommandPath}} <command>{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{$c := .}}{{if eq (len .Groups) 0}}

Available Commands:{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
{{commandLine $c .}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
{{commandLine $c .}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

Additional Commands:{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
{{commandLine $c .}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{localFlags .}}{{end}}{{with globalFlags .}}

Global Flags:
{{.}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} <command> --help" for more information about a command.{{end}}
`

const helpTemplate = `{{with (or .Long .Short)}}{{reflow $ .}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

// installHelpFormat makes help fit the terminal's width (80 when stdout is not one).
func installHelpFormat(root *cobra.Command, ios *iostreams.IOStreams) {
	if root.Annotations == nil {
		root.Annotations = map[string]string{}
	}
	root.Annotations[widthAnnotation] = strconv.Itoa(ios.TerminalWidth())
	cobra.AddTemplateFuncs(template.FuncMap{
		"reflow":      func(c *cobra.Command, s string) string { return reflow(s, helpWidth(c)) },
		"commandLine": commandLine,
		"localFlags":  func(c *cobra.Command) string { return flagUsages(c.LocalFlags(), helpWidth(c)) },
		"globalFlags": globalFlags,
		"useLine": func(c *cobra.Command) string {
			return strings.Join(wrapWords(c.UseLine(), helpWidth(c)-2), "\n      ")
		},
	})
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(helpTemplate)
}

func helpWidth(c *cobra.Command) int {
	w, _ := strconv.Atoi(c.Root().Annotations[widthAnnotation])
	if w < 40 {
		w = 80
	}
	return min(w, 120) - 1 // a line as wide as the terminal wraps on some terminals
}

// flagUsages lists flags wrapped to width. A usage written on several lines is joined
// first, so that it is wrapped as one text.
func flagUsages(fs *pflag.FlagSet, width int) string {
	flat := pflag.NewFlagSet("", pflag.ContinueOnError)
	fs.VisitAll(func(f *pflag.Flag) {
		nf := *f
		nf.Usage = strings.Join(strings.Fields(f.Usage), " ")
		flat.AddFlag(&nf)
	})
	return strings.TrimRight(flat.FlagUsagesWrapped(width), " \n")
}

// globalFlags are c's inherited flags without the ones pointless for it; "" for none.
func globalFlags(c *cobra.Command) string {
	skip := map[string]bool{}
	for p := c; p != nil; p = p.Parent() {
		for _, name := range pointlessGlobals.Get()[p.CommandPath()] {
			skip[name] = true
		}
	}
	kept := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) {
		if !skip[f.Name] && !f.Hidden {
			kept.AddFlag(f)
		}
	})
	if !kept.HasFlags() {
		return ""
	}
	return flagUsages(kept, helpWidth(c))
}

// commandLine is one entry of a command list, its summary wrapped under itself.
func commandLine(parent, c *cobra.Command) string {
	pad := parent.NamePadding()
	indent := strings.Repeat(" ", 2+pad+1)
	lines := wrapWords(c.Short, helpWidth(parent)-len(indent))
	name := c.Name() + strings.Repeat(" ", max(pad-len(c.Name()), 0))
	return "  " + name + " " + strings.Join(lines, "\n"+indent)
}

// reflow rewraps prose paragraphs to width. A line that starts with white space or "-"
// (a list, a table, a flag and its description) keeps its layout, with the more indented
// lines under it as its continuation: such a block is rewrapped under its own hanging
// indent only when a line is too long. A paragraph break stays.
func reflow(s string, width int) string {
	lines := strings.Split(strings.TrimRight(s, " \n"), "\n")
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, wrapWords(strings.Join(para, " "), width)...)
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			out = append(out, "")
		case laidOut(lines, i):
			flush()
			block := []string{line}
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && indentOf(lines[i+1]) > indentOf(line) {
				i++
				block = append(block, lines[i])
			}
			out = append(out, wrapBlock(block, width)...)
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// laidOut tells a line whose layout matters: indented, a "- " list item, or a flag
// alone or followed by its description after a run of spaces. Prose
// that merely starts with a flag name ("--fail-on and --max-score turn…") is not.
func laidOut(lines []string, i int) bool {
	line := lines[i]
	switch {
	case line[0] == ' ' || line[0] == '\t' || strings.HasPrefix(line, "- "):
		return true
	case line[0] != '-':
		return false
	}
	return strings.Contains(strings.TrimSpace(line), "  ") || !strings.Contains(strings.TrimSpace(line), " ")
}

func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " \t")) }

// wrapBlock keeps a block that fits; else it wraps the block's text under the indent of
// its continuation lines (or of its first line's description, after a run of spaces).
func wrapBlock(block []string, width int) []string {
	fits := true
	for _, l := range block {
		fits = fits && utf8.RuneCountInString(l) <= width
	}
	if fits {
		return block
	}
	first := block[0]
	hang := indentOf(first)
	if len(block) > 1 {
		hang = indentOf(block[1])
	} else if i := strings.Index(strings.TrimLeft(first, " \t"), "  "); i > 0 {
		rest := strings.TrimLeft(first, " \t")[i:]
		hang = len(first) - len(strings.TrimLeft(rest, " "))
	}
	if hang >= width/2 {
		hang = indentOf(first) + 4
	}
	head, body := first, ""
	if hang < len(first) && strings.TrimSpace(first[:hang]) != "" && first[hang-1] == ' ' {
		head, body = first[:hang], first[hang:]
	}
	for _, l := range block[1:] {
		body += " " + strings.TrimSpace(l)
	}
	indent := strings.Repeat(" ", hang)
	var out []string
	words := wrapWords(body, width-hang)
	if body == "" {
		return append(out, wrapWords(head, width)...)
	}
	if utf8.RuneCountInString(strings.TrimRight(head, " ")) >= hang {
		out = append(out, strings.TrimRight(head, " "))
	} else {
		out = append(out, head+strings.Repeat(" ", hang-len(head))+words[0])
		words = words[1:]
	}
	for _, w := range words {
		out = append(out, indent+w)
	}
	return out
}

// wrapWords breaks text into lines of at most width cells, at spaces only: a word
// longer than the line stands alone rather than being cut.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}
