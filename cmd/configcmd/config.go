// Package configcmd implements `mdti config get|set|list|path`.
package configcmd

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// NewCmdConfig groups the config verbs.
func NewCmdConfig(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "config <command>",
		Short: "read and change settings in the config file",
		Long: `Read and change mdti's settings. Each setting comes from, in order: a flag, an MDTI_*
environment variable, the config file, the default. Secrets never go into the file.`,
		Example: `  mdti config set output json
  mdti config get api_version
  mdti config list
  mdti config path`,
	}
	opts := &Options{IO: f.IOStreams, Config: f.Config, Flags: f.Flags}
	c.AddCommand(newCmdGet(opts), newCmdSet(opts), newCmdList(opts), newCmdPath(opts))
	return c
}

// Options are the dependencies of the config verbs. None has flags of its own, so none
// has a test hook: their stories cover them.
type Options struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)
	Flags  *cmdutil.GlobalFlags // --fields, --jq, --csv-raw for `config list`
}

func newCmdGet(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:     "get <key>",
		Short:   "print the value a setting resolves to",
		Example: "  mdti config get output",
		Args:    cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return keyNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			v, err := cfg.Value(args[0])
			if err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			_, err = fmt.Fprintln(opts.IO.Out, v)
			return err
		},
	}
}

func newCmdSet(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "set <key> <value>",
		Short: "store a setting in the config file",
		Example: `  mdti config set output jsonl
  mdti config set concurrency 8`,
		Args: cobra.ExactArgs(2),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return keyNames(), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return setRun(opts, args[0], args[1])
		},
	}
}

func setRun(opts *Options, key, value string) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if cfg.Demo {
		// --demo reads no config file, and must not write the user's one either.
		return cmdutil.FlagErrorf("config set under --demo: the demo neither reads nor writes a config file")
	}
	if err := config.Set(cfg.Path, key, value); err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	return nil
}

func newCmdList(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "show every setting, its value and where it came from",
		Example: "  mdti config list\n  mdti config list -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return listRun(opts)
		},
	}
}

var listView = render.View{Columns: []render.Column{
	{Header: "KEY", Field: "key"},
	{Header: "VALUE", Field: "value", Truncate: true},
	{Header: "SOURCE", Field: "source"},
	{Header: "ENV", Field: "env"},
}}

// setting is one row of `mdti config list`.
type setting struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Env    string `json:"env"`
}

func listRun(opts *Options) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, _, err := shared.NewPrinter(opts.IO, cfg, opts.Flags, listView, false)
	if err != nil {
		return err
	}
	for _, k := range config.Keys {
		v, _ := cfg.Value(k.Name)
		rec, err := json.Marshal(setting{Key: k.Name, Value: v, Source: cfg.Origins[k.Name], Env: k.Env})
		if err != nil {
			return err
		}
		if err := p.Add(rec); err != nil {
			return err
		}
	}
	return p.Close()
}

func newCmdPath(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:     "path",
		Short:   "print the config file's path",
		Example: "  mdti config path",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(opts.IO.Out, cfg.Path)
			return err
		},
	}
}

func keyNames() []string {
	out := make([]string, len(config.Keys))
	for i, k := range config.Keys {
		out[i] = k.Name
	}
	return out
}
