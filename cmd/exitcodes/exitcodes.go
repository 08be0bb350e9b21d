// Package exitcodes implements the help topic `mdti help exit-codes`.
package exitcodes

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// Text is the exit-code table of docs/reference.md §4.
const Text = `mdti exit codes

  0    success (also: an empty result)
  1    API, network or server error
  2    usage error or invalid input (nothing was sent)
  3    a --fail-on / --max-score threshold was met
  4    not signed in, sign-in failed, or 401
  5    not found (404)
  6    forbidden (403): the permission the command needs is missing (threat intelligence: also a Defender XDR or Sentinel licence)
  7    throttled (429) after every retry
  130  interrupted

With several inputs each input gets its own outcome and mdti exits with the
highest-priority code among them: 2 > 4 > 6 > 7 > 1 > 5 > 3 > 0.
`

// NewCmdExitCodes is a help topic: `mdti help exit-codes` and `mdti exit-codes` print it.
func NewCmdExitCodes(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:         "exit-codes",
		Short:       "what each exit code means",
		Long:        Text,
		Hidden:      true,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{"help:topic": "true"},
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(f.IOStreams.Out, Text)
			return err
		},
	}
}
