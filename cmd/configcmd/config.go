// Package configcmd implements `mdti config get|set|list|path`.
package configcmd

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
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
	c.AddCommand(newCmdGet(f), newCmdSet(f, nil), newCmdList(f), newCmdPath(f))
	return c
}

func newCmdGet(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "get <key>",
		Short:   "print the value a setting resolves to",
		Example: "  mdti config get output",
		Args:    cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return keyNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			v, err := cfg.Value(args[0])
			if err != nil {
				return cmdutil.FlagErrorf("%v", err)
			}
			_, err = fmt.Fprintln(f.IOStreams.Out, v)
			return err
		},
	}
}

// SetOptions are the inputs of `mdti config set`.
type SetOptions struct {
	Factory *cmdutil.Factory
	Key     string
	Value   string
}

func newCmdSet(f *cmdutil.Factory, runF func(*SetOptions) error) *cobra.Command {
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
			opts := &SetOptions{Factory: f, Key: args[0], Value: args[1]}
			if runF != nil {
				return runF(opts)
			}
			return setRun(opts)
		},
	}
}

func setRun(opts *SetOptions) error {
	cfg, err := opts.Factory.Config()
	if err != nil {
		return err
	}
	if err := config.Set(cfg.Path, opts.Key, opts.Value); err != nil {
		return cmdutil.FlagErrorf("%v", err)
	}
	return nil
}

func newCmdList(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "show every setting, its value and where it came from",
		Example: "  mdti config list\n  mdti config list -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return listRun(f)
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

func listRun(f *cmdutil.Factory) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	p, _, err := f.Printer(listView, false)
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

func newCmdPath(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "path",
		Short:   "print the config file's path",
		Example: "  mdti config path",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(f.IOStreams.Out, cfg.Path)
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
