// Package sharedtest helps command packages test their flags through the runF hook.
package sharedtest

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Factory is a factory with test streams and empty global flags; nothing else is set,
// so a command that gets past its runF hook fails loudly.
func Factory() *cmdutil.Factory {
	ios, _, _, _ := iostreams.Test()
	return &cmdutil.Factory{IOStreams: ios, Flags: &cmdutil.GlobalFlags{}}
}

// Execute runs c with args under a bare root command, as in the real tree (Cobra takes
// a root's first argument for a subcommand), its usage and help text discarded.
func Execute(c *cobra.Command, args ...string) error {
	root := &cobra.Command{Use: "mdti", SilenceErrors: true, SilenceUsage: true}
	root.AddCommand(c)
	root.SetArgs(append([]string{c.Name()}, args...))
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	return root.Execute()
}
