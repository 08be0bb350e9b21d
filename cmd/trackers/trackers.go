// Package trackers implements `mdti trackers`.
package trackers

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdTrackers lists the trackers of hosts (hosts/{id}/trackers).
func NewCmdTrackers(f *cmdutil.Factory) *cobra.Command {
	return shared.NewCmdHostDataset(f, shared.HostDataset{
		Relation: "trackers",
		Short:    "list the trackers seen on hosts: analytics ids, JARM hashes and the like",
		About: `List the trackers seen on hosts: the tracker kind (GoogleAnalyticsID, JarmHash…), its
value, and when it was first and last seen. A tracker value shared by several hosts is a
strong pivot between sites run by the same people.`,
		Example: `  mdti trackers contoso.com
  mdti trackers fake-malicious.site www.contoso.com -o json
  mdti trackers contoso.com --fields kind,value,lastSeenDateTime -o csv`,
		View: View,
	})
}
