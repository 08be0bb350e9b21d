// Package version implements `mdti version`.
package version

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdVersion prints the version; it reads no config and opens nothing.
func NewCmdVersion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "print the mdti version",
		Args:    cobra.NoArgs,
		Example: "  mdti version",
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(f.IOStreams.Out, "mdti %s (%s, %s/%s)\n", f.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
