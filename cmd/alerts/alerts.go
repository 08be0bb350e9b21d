// Package alerts implements `mdti alerts`: Microsoft 365 Defender alerts (alerts_v2) —
// list, get, update and comment.
package alerts

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// Permissions of the alert commands (docs/reference.md §8).
const (
	readPermission  = "SecurityAlert.Read.All"
	writePermission = "SecurityAlert.ReadWrite.All"
)

// triage describes alerts to the verbs they share with incidents.
var triage = shared.Triage{Set: "alerts_v2", Noun: "alert", Status: shared.AlertStatus, View: CardView, ManyView: GetView, Permission: writePermission}

// NewCmdAlerts is the parent of the alert verbs.
func NewCmdAlerts(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "alerts <command>",
		Short: "list, read, triage and comment Defender alerts",
		Long: `Work with the alerts of Microsoft Defender XDR (Microsoft 365 Defender) through
Graph's /security/alerts_v2: list them with filters, read them with their evidence,
set their status, classification, determination and owner, and comment on them.

mdti uses alerts_v2. The legacy /security/alerts API stopped returning data on
2026-08-31; mdti api still reaches any path, that one included.`,
		Example: `  mdti alerts list --severity high --status new
  mdti alerts get fa6384100100_-1147402967
  mdti alerts update fa6384100100_-1147402967 --status inProgress --assign-to me@contoso.com
  mdti alerts comment fa6384100100_-1147402967 -m "Looking into it"
  mdti alerts enrich fa6384100100_-1147402967`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
	}
	c.AddCommand(NewCmdList(f, nil), NewCmdGet(f),
		shared.NewCmdUpdate(f, triage, updateHelp, nil), shared.NewCmdComment(f, triage, commentHelp, nil), NewCmdEnrich(f, nil))
	return c
}

var updateHelp = shared.Help{
	Short: "set the status, classification, determination or owner of alerts",
	Long: `Update alerts: PATCH /security/alerts_v2/{id} with only the properties the flags give.
Values are checked against the documented enums before anything is sent, in any case
(--status inprogress sends "inProgress"). The determinations compromisedUser, clean,
insufficientData and confirmedUserActivity, as the update page spells them, are sent
as the enum's members compromisedAccount, notMalicious, notEnoughDataToValidate and
confirmedActivity.

Several ids send one PATCH each; every id has its own outcome and the exit code is the
worst (mdti help exit-codes). A write is retried only after 429, 503 or 504, never
after another answer. Prints the updated alerts. --dry-run prints each request
(method, path and JSON body) and sends nothing.

Needs SecurityAlert.ReadWrite.All.`,
	Example: `  mdti alerts update fa6384100100_-1147402967 --status inProgress
  mdti alerts update fa6384100100_-1147402967 da6384100101_-1270724683 --classification truePositive --determination malware
  mdti alerts update fa6384100100_-1147402967 --assign-to secadmin@contoso.com --dry-run
  mdti alerts list --status new -o json --jq '.[].id' | mdti alerts update --status resolved --classification falsePositive`,
}

var commentHelp = shared.Help{
	Short: "add a comment to alerts",
	Long: `Comment on alerts: POST /security/alerts_v2/{id}/comments with an alertComment. The
text comes from --message, or from --message-file (- reads stdin; the ids must then be
arguments). An empty comment is refused. Graph documents no size limit for a comment,
so mdti sets none (it reads at most 1 MiB from a file, to catch a wrong file).

Prints the alert's comments as Graph answers them (the whole list, the new one last),
each with "query", the alert it belongs to. Several ids send one POST each.
--dry-run prints each request and sends nothing.

Needs SecurityAlert.ReadWrite.All.`,
	Example: `  mdti alerts comment fa6384100100_-1147402967 -m "Phishing confirmed; mail purged"
  echo "Escalated to IR" | mdti alerts comment fa6384100100_-1147402967 --message-file -
  mdti alerts comment fa6384100100_-1147402967 da6384100101_-1270724683 -m "Same campaign" --dry-run`,
}
