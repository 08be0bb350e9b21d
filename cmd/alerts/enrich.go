package alerts

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared/enrich"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdEnrich judges the indicators of alerts by threat intelligence.
func NewCmdEnrich(f *cmdutil.Factory, runF func(context.Context, *enrich.Options) error) *cobra.Command {
	return enrich.NewCmdEnrich(f, enrich.Alerts, enrichHelp, runF)
}

var enrichHelp = enrich.Help{
	Short: "judge the hosts, IP addresses and URLs of alerts by threat intelligence",
	Long: `Enrich alerts with Microsoft Defender Threat Intelligence: GET /security/alerts_v2/{id}
(as JSON batches for several ids), collect every host name, IP address and URL host
their evidence carries, de-duplicate them across the alerts and look their reputation
up in one bulk run. Prints one record per indicator: indicator, host, evidence,
alertIds, classification, score, rules, one key per --with dataset, or skipped (the
reason) for what was not sent. It works as mdti incidents enrich does (see its help)
with no incidentId.

Private and internal addresses and names and the tenant's own domains (config
own_domains, --skip-domain) are never sent to MDTI.

There is no --comment here: a verdict summary belongs to the incident, where every
alert's evidence meets; use mdti incidents enrich INCIDENT --comment.

Needs SecurityAlert.Read.All and ThreatIntelligence.Read.All.`,
	Example: `  mdti alerts enrich fa6384100100_-1147402967
  mdti alerts enrich fa6384100100_-1147402967 da6384100101_-1270724683 --fail-on suspicious
  mdti alerts enrich fa6384100100_-1147402967 --with host -o jsonl`,
}
