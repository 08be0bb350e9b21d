// Command mincobra is the start-up baseline of `make bench`: the smallest Cobra program with
// a version command and help, built the same way as mdti.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{Use: "mincobra", Short: "baseline", SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "version", Run: func(*cobra.Command, []string) { fmt.Println("mincobra 1") }})
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
