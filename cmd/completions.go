package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/article"
	"github.com/mdti-cli/mdti/cmd/certs"
	"github.com/mdti-cli/mdti/cmd/components"
	"github.com/mdti-cli/mdti/cmd/cookies"
	"github.com/mdti-cli/mdti/cmd/pairs"
	"github.com/mdti-cli/mdti/cmd/pdns"
	"github.com/mdti-cli/mdti/cmd/ports"
	"github.com/mdti-cli/mdti/cmd/profile"
	"github.com/mdti-cli/mdti/cmd/reputation"
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/cmd/subdomains"
	"github.com/mdti-cli/mdti/cmd/trackers"
	"github.com/mdti-cli/mdti/cmd/vuln"
	"github.com/mdti-cli/mdti/cmd/whois"
	"github.com/mdti-cli/mdti/internal/lazy"
	"github.com/mdti-cli/mdti/internal/render"
)

// fieldViews are the views whose fields --fields completes, by command path: a command's
// default view (whois's current record, not --history's).
var fieldViews = lazy.Value[map[string]render.View]{New: func() map[string]render.View {
	return map[string]render.View{
		"mdti host": shared.HostView, "mdti reputation": reputation.View, "mdti cookies": cookies.View,
		"mdti trackers": trackers.View, "mdti components": components.View, "mdti ports": ports.View,
		"mdti certs": certs.View, "mdti certs search": shared.CertListView, "mdti cert": shared.CertView,
		"mdti subdomains": subdomains.View, "mdti pairs": pairs.View, "mdti pdns": pdns.View,
		"mdti whois": whois.View, "mdti whois search": whois.SearchView,
		"mdti article": article.View, "mdti article indicators": article.IndicatorView,
		"mdti profile": profile.View, "mdti profile indicators": profile.IndicatorView,
		"mdti vuln": vuln.View,
	}
}}

// installCompletions completes the global flags' values and `help <topic>`.
func installCompletions(root *cobra.Command) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	_ = root.RegisterFlagCompletionFunc("output", fixed("table", "json", "jsonl", "csv", "yaml"))
	_ = root.RegisterFlagCompletionFunc("api-version", fixed("v1.0", "beta"))
	_ = root.RegisterFlagCompletionFunc("color", fixed("auto", "always", "never"))
	_ = root.RegisterFlagCompletionFunc("fields", completeFields)

	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.Short = "help about any command or topic"
		c.Use = "help [<command>|<topic>]"
		c.Long = "Show the help of a command (mdti help pdns) or of a topic (mdti help exit-codes)."

		commands := c.ValidArgsFunction
		c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			names, dir := []cobra.Completion(nil), cobra.ShellCompDirectiveNoFileComp
			if commands != nil {
				names, dir = commands(cmd, args, toComplete)
			}
			if len(args) == 0 {
				for _, t := range root.Commands() {
					if t.Annotations["help:topic"] == "true" && strings.HasPrefix(t.Name(), toComplete) {
						names = append(names, cobra.CompletionWithDesc(t.Name(), t.Short))
					}
				}
			}
			return names, dir
		}
	}
}

// completeFields offers the command's fields, after the ones already given:
// `--fields query,cl<TAB>` completes to query,classification.
func completeFields(c *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	view, ok := fieldViews.Get()[c.CommandPath()]
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	done, last := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	for _, name := range render.FieldNames(view) {
		if strings.HasPrefix(name, last) {
			out = append(out, done+name)
		}
	}
	if done == "" && strings.HasPrefix("help", last) {
		out = append(out, cobra.CompletionWithDesc("help", "list the fields"))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
