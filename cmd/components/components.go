// Package components implements `mdti components`.
package components

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdComponents lists the components of hosts (hosts/{id}/components).
func NewCmdComponents(f *cmdutil.Factory) *cobra.Command {
	return shared.NewCmdHostDataset(f, shared.HostDataset{
		Relation: "components",
		Short:    "list the software components seen on hosts: servers, frameworks, versions",
		About: `List the web components detected on hosts: category (Server, Framework, Operating
System…), name, version, and when each was first and last seen. Useful to spot outdated,
vulnerable software (see mdti vuln CVE --components).`,
		Example: `  mdti components contoso.com
  mdti components fake-malicious.site -o json
  mdti components contoso.com woodgrove-bank-login.com -o jsonl --all`,
		View: View,
	})
}
