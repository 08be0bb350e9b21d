// Package subdomains implements `mdti subdomains`.
package subdomains

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdSubdomains lists the subdomains of hosts (hosts/{id}/subdomains).
func NewCmdSubdomains(f *cmdutil.Factory) *cobra.Command {
	return shared.NewCmdHostDataset(f, shared.HostDataset{
		Relation: "subdomains",
		Short:    "list the subdomains of hosts and when each was first seen",
		About:    `List the subdomains observed under hosts and when each was first seen.`,
		Example: `  mdti subdomains contoso.com
  mdti subdomains fake-malicious.site -o jsonl --all
  mdti subdomains contoso.com --jq '.[].host.id'`,
		View: View,
	})
}
