// Command fivelibs is the second start-up floor of `make bench`: bench/mincobra plus the
// libraries mdti's design fixes besides Cobra (viper for configuration, MSAL for sign-in,
// go-pretty for tables, go-keyring for the token cache), linked and initialised but not
// used before a command runs, as in mdti. What mdti costs above it is mdti's own code and
// the libraries it needs beyond the design's (gojq for --jq, YAML for -o yaml, …).
package main

import (
	"fmt"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"github.com/zalando/go-keyring"
)

func main() {
	root := &cobra.Command{Use: "fivelibs", Short: "baseline", SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "version", Run: func(*cobra.Command, []string) { fmt.Println("fivelibs 1") }})
	// Reached only when asked, so each library is linked with its package initialisation.
	root.AddCommand(&cobra.Command{Use: "use", Hidden: true, RunE: func(*cobra.Command, []string) error {
		v := viper.New()
		v.SetDefault("output", "table")
		t := table.NewWriter()
		t.AppendRow(table.Row{v.GetString("output")})
		secret, err := keyring.Get("fivelibs", "user")
		if err != nil && err != keyring.ErrNotFound {
			return err
		}
		cred, err := confidential.NewCredFromSecret(secret)
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
