package cmd

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// wrapArgErrors makes every command's argument check a usage error (exit 2), and an
// unknown subcommand too.
func wrapArgErrors(c *cobra.Command) {
	if c.HasSubCommands() && c.Run == nil && c.RunE == nil {
		// A group command run alone shows its help; with a stray word it is a usage error,
		// where cobra would print the help and exit 0.
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cmdutil.FlagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return cmd.Help()
		}
	}
	check := c.Args
	if check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgErrors(sub)
	}
}
