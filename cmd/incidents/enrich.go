package incidents

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared/enrich"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdEnrich judges the indicators of incidents by threat intelligence.
func NewCmdEnrich(f *cmdutil.Factory, runF func(context.Context, *enrich.Options) error) *cobra.Command {
	return enrich.NewCmdEnrich(f, enrich.Incidents, enrichHelp, runF)
}

var enrichHelp = enrich.Help{
	Short: "judge the hosts, IP addresses and URLs of incidents by threat intelligence",
	Long: `Enrich incidents with Microsoft Defender Threat Intelligence: read each incident with
GET /security/incidents/{id}?$expand=alerts (as JSON batches for several ids), collect
every host name, IP address and URL host their alerts' evidence carries (IP, URL, DNS,
network-connection, analysed-message, device and the other documented evidence types),
de-duplicate them and look their reputation up in one bulk run (20 to a $batch).

Prints one record per (incident, indicator): incidentId, indicator (as the evidence
gives it), host (what was looked up), evidence (the kinds), alertIds, classification,
score, rules, one key per --with dataset, or skipped (the reason) for what was not
sent. A host MDTI has no reputation for (404) is "unknown". The table shows malicious
first; with several incidents a terminal gets a summary line per incident on stderr.

Never sent to MDTI: private, loopback, link-local, CGNAT, multicast and reserved
addresses, single-label and internal names (.local, .internal, .corp…), and the
tenant's own domains (config own_domains, --skip-domain). An internal host name is
information about the tenant that should not leave it needlessly, and MDTI knows
nothing about it anyway.

--with host,whois adds those entities (batched like the reputation); --with pdns,
subdomains, pairs, certs, ports, components, trackers or cookies adds a summary of the
collection from its first page only ($top=10, $count=true): {"count": N,
"mostRecent": "…"}. Nothing pages further.

--fail-on and --max-score gate as in reputation: exit 3 when any host meets the
threshold, with a summary on stderr. --comment posts one comment per incident (POST
/security/incidents/{id}/comments): a verdict summary of what is malicious or
suspicious, with score and top rule, under a marker line; an incident that already has
that very comment gets none. --dry-run prints each comment on stderr and sends nothing.
Any failed read or lookup (other than a 404) fails the run before anything is printed
or posted: a table with holes would read as clean.

Needs SecurityIncident.Read.All (SecurityIncident.ReadWrite.All with --comment) and
ThreatIntelligence.Read.All.`,
	Example: `  mdti incidents enrich 41001
  mdti incidents enrich 41001 41002 41009 --fail-on malicious
  mdti incidents enrich 41001 --with whois,pdns -o json
  mdti incidents enrich 41001 --skip-domain fabrikam.com -o csv
  mdti incidents enrich 41001 --comment --dry-run
  mdti incidents list --status active -o json --jq '.[].id' | mdti incidents enrich --max-score 50`,
}
