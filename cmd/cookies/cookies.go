// Package cookies implements `mdti cookies`.
package cookies

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdCookies lists the cookies of hosts (hosts/{id}/cookies).
func NewCmdCookies(f *cmdutil.Factory) *cobra.Command {
	return shared.NewCmdHostDataset(f, shared.HostDataset{
		Relation: "cookies",
		Short:    "list the cookies seen on hosts: name, domain, first and last seen",
		About: `List the cookies MDTI's crawlers saw hosts set: the cookie name, the domain it applies
to, and when it was first and last seen. Cookies shared by several hosts tie them to the
same operator or kit.`,
		Example: `  mdti cookies contoso.com
  mdti cookies fake-malicious[.]site www.contoso.com -o jsonl
  mdti cookies contoso.com --all -o csv > cookies.csv
  mdti cookies contoso.com --jq '.[].name'`,
		View: View,
	})
}
