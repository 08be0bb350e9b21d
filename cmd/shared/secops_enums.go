package shared

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// Enum is a documented Graph enum a flag takes. Input is read in any case and sent in the
// documented spelling; anything else is a usage error before a request is sent.
type Enum struct {
	Flag   string   // "--status"
	Values []string // the documented members, as Graph spells them
	// Aliases are other documented spellings of a member (lower-cased key): the alert
	// pages name four determinations differently from the member table.
	Aliases map[string]string
}

// Parse returns the documented spelling of v.
func (e Enum) Parse(v string) (string, error) {
	key := strings.ToLower(strings.TrimSpace(v))
	for _, m := range e.Values {
		if strings.ToLower(m) == key {
			return m, nil
		}
	}
	if m, ok := e.Aliases[key]; ok {
		return m, nil
	}
	return "", cmdutil.FlagErrorf("invalid %s %q: want one of %s", e.Flag, v, strings.Join(e.Values, ", "))
}

// ParseAll parses every value of a repeated or comma-separated flag.
func (e Enum) ParseAll(vs []string) ([]string, error) {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		m, err := e.Parse(v)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Complete offers the members in the shell.
func (e Enum) Complete() cobra.CompletionFunc {
	return cobra.FixedCompletions(e.Values, cobra.ShellCompDirectiveNoFileComp)
}

// Usage is the flag's help text: what it sets and its values.
func (e Enum) Usage(what string) string {
	return what + ": " + strings.Join(e.Values, ", ")
}

// The enums of the Graph Security API as the v1.0 resource tables list them
// (security-alert.md, security-incident.md, securescorecontrolprofile-update.md), without
// unknownFutureValue, the sentinel no one filters or sets.
var (
	AlertStatus    = Enum{Flag: "--status", Values: []string{"new", "inProgress", "resolved", "unknown"}}
	IncidentStatus = Enum{Flag: "--status", Values: []string{"active", "inProgress", "resolved", "redirected"}}
	Severity       = Enum{Flag: "--severity", Values: []string{"high", "medium", "low", "informational", "unknown"}}
	Classification = Enum{Flag: "--classification", Values: []string{"truePositive", "falsePositive", "informationalExpectedActivity", "unknown"}}
	// Determination is alertDetermination's member table; the spellings of the alert
	// update page's property row are taken as aliases.
	Determination = Enum{Flag: "--determination", Values: []string{
		"apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other",
		"multiStagedAttack", "compromisedAccount", "phishing", "maliciousUserActivity", "notMalicious",
		"notEnoughDataToValidate", "confirmedActivity", "lineOfBusinessApplication", "unknown",
	}, Aliases: map[string]string{
		"compromiseduser": "compromisedAccount", "clean": "notMalicious",
		"insufficientdata": "notEnoughDataToValidate", "confirmeduseractivity": "confirmedActivity",
	}}
	ServiceSource = Enum{Flag: "--service-source", Values: []string{
		"microsoftDefenderForEndpoint", "microsoftDefenderForIdentity", "microsoftDefenderForCloudApps",
		"microsoftDefenderForOffice365", "microsoft365Defender", "azureAdIdentityProtection",
		"microsoftAppGovernance", "dataLossPrevention", "microsoftDefenderForCloud", "unknown",
	}}
	// ControlState is the state a secure-score control profile PATCH sets: PascalCase, as
	// securescorecontrolprofile-update.md lists it.
	ControlState = Enum{Flag: "--state", Values: []string{"Ignored", "ThirdParty", "Reviewed", "Default"}}
)
