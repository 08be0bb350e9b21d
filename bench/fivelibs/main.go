// Command fivelibs is the second start-up floor of `make bench`: bench/mincobra plus the
// five libraries mdti's design fixes (viper for configuration, MSAL for sign-in, gojq for
// --jq, YAML for -o yaml, go-pretty for tables), linked and initialised but not used
// before a command runs, as in mdti. What mdti costs above it is mdti's own.
package main

import (
	"fmt"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/itchyny/gojq"
	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

func main() {
	root := &cobra.Command{Use: "fivelibs", Short: "baseline", SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "version", Run: func(*cobra.Command, []string) { fmt.Println("fivelibs 1") }})
	// Reached only when asked, so each library is linked with its package initialisation.
	root.AddCommand(&cobra.Command{Use: "use", Hidden: true, RunE: func(*cobra.Command, []string) error {
		v := viper.New()
		v.SetDefault("output", "table")
		q, err := gojq.Parse(".")
		if err != nil {
			return err
		}
		out, err := yaml.Marshal(map[string]any{"q": q.String(), "output": v.GetString("output")})
		if err != nil {
			return err
		}
		t := table.NewWriter()
		t.AppendRow(table.Row{string(out)})
		cred, err := confidential.NewCredFromSecret("x")
		if err != nil {
			return err
		}
		_, err = confidential.New("https://login.microsoftonline.com/t", "c", cred)
		fmt.Println(t.Render())
		return err
	}})
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
