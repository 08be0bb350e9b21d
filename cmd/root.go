package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mdti-cli/mdti/cmd/actions"
	"github.com/mdti-cli/mdti/cmd/alerts"
	"github.com/mdti-cli/mdti/cmd/api"
	"github.com/mdti-cli/mdti/cmd/article"
	authcmd "github.com/mdti-cli/mdti/cmd/auth"
	"github.com/mdti-cli/mdti/cmd/cert"
	"github.com/mdti-cli/mdti/cmd/certs"
	"github.com/mdti-cli/mdti/cmd/completion"
	"github.com/mdti-cli/mdti/cmd/components"
	"github.com/mdti-cli/mdti/cmd/configcmd"
	"github.com/mdti-cli/mdti/cmd/cookies"
	"github.com/mdti-cli/mdti/cmd/doctor"
	"github.com/mdti-cli/mdti/cmd/emulatorcmd"
	"github.com/mdti-cli/mdti/cmd/exitcodes"
	"github.com/mdti-cli/mdti/cmd/host"
	"github.com/mdti-cli/mdti/cmd/hunt"
	"github.com/mdti-cli/mdti/cmd/incidents"
	"github.com/mdti-cli/mdti/cmd/indicators"
	"github.com/mdti-cli/mdti/cmd/pairs"
	"github.com/mdti-cli/mdti/cmd/pdns"
	"github.com/mdti-cli/mdti/cmd/ports"
	"github.com/mdti-cli/mdti/cmd/profile"
	"github.com/mdti-cli/mdti/cmd/reputation"
	"github.com/mdti-cli/mdti/cmd/score"
	"github.com/mdti-cli/mdti/cmd/subdomains"
	"github.com/mdti-cli/mdti/cmd/trackers"
	"github.com/mdti-cli/mdti/cmd/version"
	"github.com/mdti-cli/mdti/cmd/vuln"
	"github.com/mdti-cli/mdti/cmd/whois"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Command groups shown in `mdti --help`.
const (
	groupLookups = "lookups"
	groupIntel   = "intel"
	groupSecOps  = "secops"
	groupSetup   = "setup"
)

// NewRoot builds the whole command tree. Building it opens nothing.
func NewRoot(ios *iostreams.IOStreams, getenv func(string) string) (*cobra.Command, *cmdutil.Factory, func()) {
	return newRoot(ios, getenv, nil)
}

// newRoot builds the root with the commands args can run (topCommandsFor): all of them
// when args is nil.
func newRoot(ios *iostreams.IOStreams, getenv func(string) string, args []string) (*cobra.Command, *cmdutil.Factory, func()) {
	root := &cobra.Command{
		Use:   "mdti <command> [flags]",
		Short: "Microsoft Defender Threat Intelligence from the terminal",
		Long: `Look up hosts, reputation, passive DNS, WHOIS, certificates, articles, intel profiles and
vulnerabilities in Microsoft Defender Threat Intelligence through Microsoft Graph.

Try it without an account: mdti --demo reputation contoso.com`,
		Example: `  mdti reputation contoso.com
  mdti host 8.8.8.8 -o json
  cat domains.txt | mdti reputation --fail-on malicious -o jsonl
  mdti --demo reputation fake-malicious.site`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("mdti {{.Version}}\n")
	f, cleanup := newFactory(ios, getenv, root.PersistentFlags())
	root.Version = f.Version
	addGlobalFlags(root.PersistentFlags(), f.Flags)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		// A value that may be a secret is left out before the error is put in words.
		if redacted := redactUsage(&cmdutil.FlagError{Err: err}); redacted.Error() != err.Error() {
			return redacted
		}
		return &cmdutil.FlagError{Err: plainFlagError(err)}
	})
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return checkGlobalFlags(f.Flags) }
	root.AddGroup(
		&cobra.Group{ID: groupLookups, Title: "Host lookups:"},
		&cobra.Group{ID: groupIntel, Title: "Finished intelligence:"},
		&cobra.Group{ID: groupSecOps, Title: "Security operations:"},
		&cobra.Group{ID: groupSetup, Title: "Setup and tools:"},
	)
	addCommands(root, f, args)
	installHelpTopics(root)
	installHelpFormat(root, ios)
	installCompletions(root)
	wrapArgErrors(root)
	return root, f, cleanup
}

// topCommand is a command under the root, by name, with its help group and constructor.
type topCommand struct {
	name  string // the first word of its Use
	group string // "" for none (help topics)
	build func(*cmdutil.Factory) *cobra.Command
}

// topCommands are the root's commands, in the order --help lists them within a group.
func topCommands() []topCommand {
	return []topCommand{
		{"host", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return host.NewCmdHost(f) }},
		{"reputation", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return reputation.NewCmdReputation(f, nil) }},
		{"cookies", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return cookies.NewCmdCookies(f) }},
		{"trackers", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return trackers.NewCmdTrackers(f) }},
		{"components", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return components.NewCmdComponents(f) }},
		{"ports", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return ports.NewCmdPorts(f, nil) }},
		{"certs", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return certs.NewCmdCerts(f, nil) }},
		{"cert", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return cert.NewCmdCert(f, nil) }},
		{"subdomains", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return subdomains.NewCmdSubdomains(f) }},
		{"pairs", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return pairs.NewCmdPairs(f, nil) }},
		{"pdns", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return pdns.NewCmdPDNS(f, nil) }},
		{"whois", groupLookups, func(f *cmdutil.Factory) *cobra.Command { return whois.NewCmdWhois(f, nil) }},
		{"article", groupIntel, func(f *cmdutil.Factory) *cobra.Command { return article.NewCmdArticle(f, nil) }},
		{"profile", groupIntel, func(f *cmdutil.Factory) *cobra.Command { return profile.NewCmdProfile(f, nil) }},
		{"vuln", groupIntel, func(f *cmdutil.Factory) *cobra.Command { return vuln.NewCmdVuln(f, nil) }},
		{"alerts", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return alerts.NewCmdAlerts(f) }},
		{"incidents", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return incidents.NewCmdIncidents(f) }},
		{"hunt", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return hunt.NewCmdHunt(f, nil) }},
		{"score", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return score.NewCmdScore(f, nil) }},
		{"indicators", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return indicators.NewCmdIndicators(f) }},
		{"actions", groupSecOps, func(f *cmdutil.Factory) *cobra.Command { return actions.NewCmdActions(f) }},
		{"api", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return api.NewCmdAPI(f, nil) }},
		{"auth", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return authcmd.NewCmdAuth(f) }},
		{"config", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return configcmd.NewCmdConfig(f) }},
		{"emulator", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return emulatorcmd.NewCmdEmulator(f, nil) }},
		{"doctor", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return doctor.NewCmdDoctor(f, nil) }},
		{"completion", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return completion.NewCmdCompletion(f) }},
		{"version", groupSetup, func(f *cmdutil.Factory) *cobra.Command { return version.NewCmdVersion(f) }},
		{"exit-codes", "", func(f *cmdutil.Factory) *cobra.Command { return exitcodes.NewCmdExitCodes(f) }},
	}
}

// addCommands adds the commands args can run (topCommandsFor), all of them for nil args.
func addCommands(root *cobra.Command, f *cmdutil.Factory, args []string) {
	for _, t := range topCommandsFor(topCommands(), args, root.PersistentFlags()) {
		c := t.build(f)
		c.GroupID = t.group
		root.AddCommand(c)
	}
	// Without mdti's own completion command in a partial tree, cobra would build its
	// default one for nothing: that run is not a completion.
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetHelpCommandGroupID(groupSetup)
	root.SetCompletionCommandGroupID(groupSetup)
}

// addGlobalFlags declares the global flags (docs/reference.md §2). Settings flags (output,
// endpoint, demo, debug, no-color…) are read by internal/config from the flag set, only
// when set, so their defaults here are for --help.
func addGlobalFlags(fs *pflag.FlagSet, g *cmdutil.GlobalFlags) {
	fs.StringP("output", "o", "table", "output format: table, json, jsonl, csv or yaml (env MDTI_OUTPUT)")
	fs.StringSliceVar(&g.Fields, "fields", nil, "columns for table/csv, projection for json/jsonl/yaml (dotted paths, comma-separated)")
	fs.StringVar(&g.JQ, "jq", "", "filter the JSON output with a jq expression")
	fs.IntVar(&g.Limit, "limit", 100, "at most `N` records per collection")
	fs.BoolVar(&g.All, "all", false, "follow every page to the end, streaming")
	fs.String("api-version", "v1.0", "Graph API version: v1.0 or beta (env MDTI_API_VERSION)")
	fs.String("endpoint", "https://graph.microsoft.com", "Graph base `URL` (env MDTI_GRAPH_ENDPOINT)")
	fs.String("authority-host", "https://login.microsoftonline.com", "Entra ID sign-in host `URL` (env MDTI_AUTHORITY_HOST)")
	fs.String("ca-cert", "", "extra PEM CA bundle `FILE` trusted besides the system's (env MDTI_CA_CERT)")
	fs.StringVarP(&g.InputFile, "input-file", "i", "", "read HOSTs or IDs from `FILE`, one per line (- for stdin)")
	fs.String("profile", "default", "saved sign-in to use (env MDTI_PROFILE)")
	fs.String("config", "", "config `FILE` (env MDTI_CONFIG; default config.yaml in MDTI_CONFIG_DIR or the user config dir)")
	fs.Int("concurrency", 4, "parallel requests for many inputs (env MDTI_CONCURRENCY)")
	fs.Duration("timeout", 0, "timeout of each HTTP request (env MDTI_TIMEOUT; default 30s)")
	fs.Bool("debug", false, "trace HTTP on stderr, secrets redacted (env MDTI_DEBUG)")
	fs.Bool("no-color", false, "no ANSI colours (env NO_COLOR)")
	fs.String("color", "auto", "colour `WHEN`: always, never or auto (env CLICOLOR_FORCE, NO_COLOR; TERM=dumb: never)")
	fs.Bool("demo", false, "run against the built-in emulator and its sample data, no sign-in (env MDTI_DEMO=1 or true)")
	fs.BoolVar(&g.CSVRaw, "csv-raw", false, "do not guard CSV cells that start with = + - @")
}

// checkGlobalFlags rejects global flag values no command can use.
func checkGlobalFlags(g *cmdutil.GlobalFlags) error {
	if g.Limit < 1 {
		return cmdutil.FlagErrorf("invalid --limit %d: want 1 or more (or --all)", g.Limit)
	}
	return nil
}
