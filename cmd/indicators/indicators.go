// Package indicators implements `mdti indicators`: the beta tiIndicators of the Graph
// Security API (docs/reference.md §10) — list, get, submit, update, delete, and export as a
// STIX 2.1 bundle for the APIs that replace them.
package indicators

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// permission is what every tiIndicator operation needs, delegated or application.
const permission = "ThreatIndicators.ReadWrite.OwnedBy"

// setPath is the entity set, on beta only.
const setPath = "/security/tiIndicators"

// deprecationNote is printed once on stderr by every verb that talks about tiIndicators.
const deprecationNote = "note: Microsoft deprecated the tiIndicators API and announced its removal for April 2026; " +
	"its replacements are Microsoft Sentinel's upload API for STIX objects (see `mdti indicators export`) " +
	"and Defender for Endpoint's indicators API"

// NewCmdIndicators is the parent of the tiIndicator verbs.
func NewCmdIndicators(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "indicators <command>",
		Short: "submit, list, update and delete threat indicators (tiIndicators, beta, deprecated)",
		Long: `Work with your own threat indicators through Graph's beta /security/tiIndicators:
feed hosts, addresses, URLs and file hashes to Microsoft's security products to block,
alert on or allow them. These commands always call beta, whatever --api-version says:
the entity exists only there.

Microsoft deprecated tiIndicators and announced its removal for April 2026; every
command says so once on stderr. When Graph answers 404, 410 or 400 for the entity set
itself, mdti says the API appears to be retired (exit 1) and names the replacements:
Microsoft Sentinel's upload API for STIX objects, and Defender for Endpoint's
indicators API. 'mdti indicators export' writes the same indicators as a STIX 2.1
bundle for the first.

Needs ThreatIndicators.ReadWrite.OwnedBy (delegated or application).`,
		Example: `  mdti indicators submit evil.example 203.0.113.7 --action block --threat-type C2 --tlp amber --expires 30d --target-product "Azure Sentinel" --description "C2 seen in phishing"
  mdti indicators list --limit 20
  mdti indicators update e58c072b-c9bb-a5c4-34ce-eb69af44fb1e --expires 90d
  mdti indicators delete e58c072b-c9bb-a5c4-34ce-eb69af44fb1e --yes
  mdti reputation fake-malicious.site contoso.com -o jsonl --jq 'select(.classification=="malicious") | .query' | mdti indicators submit --action block --threat-type C2 --tlp amber --expires 30d --target-product "Azure Sentinel" --description "malicious per MDTI"`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
	}
	c.AddCommand(NewCmdList(f, nil), NewCmdGet(f), NewCmdSubmit(f, nil), NewCmdUpdate(f, nil),
		NewCmdDelete(f, nil), NewCmdExport(f, nil))
	return c
}

// newDeps are the verbs' dependencies: always beta.
func newDeps(f *cmdutil.Factory) shared.Deps { return shared.NewBetaDeps(f) }

// noteDeprecation prints the deprecation note; each verb calls it once, first.
func noteDeprecation(w io.Writer) { fmt.Fprintln(w, deprecationNote) }
