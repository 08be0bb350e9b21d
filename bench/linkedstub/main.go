// Command linkedstub measures what mdti's size costs at start-up, for `make bench`: it links
// and initialises all of mdti (package cmd and everything it imports: the binary is mdti's
// size), then answers `version` and `--help` as bench/fivelibs does, with a bare Cobra
// program. mdti minus linkedstub is what mdti's own code does before a command runs;
// linkedstub minus fivelibs is the larger binary and the libraries beyond the five.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--as-mdti" {
		// Never taken by the benchmark: it keeps all of mdti linked.
		os.Exit(cmd.Main())
	}
	root := &cobra.Command{Use: "linkedstub", Short: "baseline", SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "version", Run: func(*cobra.Command, []string) { fmt.Println("linkedstub 1") }})
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
