package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// installHelpTopics makes `mdti help <topic>` print a topic's text alone, without the usage
// block cobra adds to commands.
func installHelpTopics(root *cobra.Command) {
	defaultHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c.Annotations["help:topic"] == "true" {
			fmt.Fprint(c.OutOrStdout(), c.Long)
			return
		}
		defaultHelp(c, args)
	})
}
