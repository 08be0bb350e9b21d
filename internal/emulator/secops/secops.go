// Package secops holds the emulator's content for the Graph Security API beyond threat
// intelligence: alerts_v2, incidents, secure scores and control profiles (v1.0 and beta),
// tiIndicators and securityActions (beta), and a small advanced-hunting engine.
//
// It is data and pure functions only: the emulator's registry serves the entities, applies
// OData options, $expand=alerts (through each alert's incidentId) and writes. It imports
// neither internal/emulator nor internal/graph (docs/reference.md §8–§10 give the contract).
//
// Every set starts with the documented examples (Examples lists them with their pages), then a
// deterministic synthetic set whose dates are relative to now:
//   - incidents 41001…41040 with 1–6 alerts each and LargeIncidentID (41300), whose alerts
//     carry LargeIncidentIndicators distinct *.bulk.test hosts;
//   - demo incidents: DemoMixedIncidentID (malicious, suspicious, clean, unknown, 404, private
//     and own-domain indicators), DemoCleanIncidentID (clean and private only) and
//     DemoInternalIncidentID (private and own-domain only);
//   - ScoreDays secure scores and the control profiles they name;
//   - a few tiIndicators and securityActions.
//
// Evidence hosts come from HostPool; OwnDomains are the demo tenant's own domains.
//
// RunHuntingQuery runs a KQL subset over DeviceNetworkEvents, DeviceProcessEvents, DeviceInfo,
// EmailEvents and EmailUrlInfo. Reserved for tests: the table HeavyQueryTable ("HeavyQuery")
// answers 504 UnknownError, and a comment "// mdti:fault=500" or "// mdti:fault=504" anywhere
// in a query answers that status with UnknownError.
package secops

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// Entity set paths under the version root.
const (
	SetAlerts          = "security/alerts_v2"
	SetIncidents       = "security/incidents"
	SetSecureScores    = "security/secureScores"
	SetControlProfiles = "security/secureScoreControlProfiles"
	SetTiIndicators    = "security/tiIndicators"
	SetSecurityActions = "security/securityActions"
)

// Entities returns a security entity set's entities as one API version serves them: the
// documented examples first (same ids and values as the doc pages), then the synthetic set.
// set is the path under the version root (the Set* constants; a leading slash is accepted);
// tiIndicators and securityActions are beta only (nil for v1.0), and an unknown set or version
// gives nil.
//
// literal=false types the data as Microsoft's resource tables say: camelCase enum values,
// customTags, alertComment's createdByDisplayName/createdDateTime, numbers and Booleans as JSON
// numbers and Booleans, ISO 8601 dates, no placeholder records ("action-value"), and
// recommendedActions without the U+FFFD bytes. literal=true serves the documentation's
// examples as printed, quirks included: PascalCase enums and createdBy/createdTime comments in
// the incident example, U+FFFD in recommendedActions, string scores in the score example, the
// beta placeholders, beta control profiles' maxScore as a String and securityActions'
// "2019-01-10 12:23:23.33333". The synthetic set is the same in both modes except for beta
// maxScore.
//
// secureScores are the one exception to "examples first": Graph lists them newest first and
// readers take the first as the latest, so the documented 2019 score (and, in beta literal,
// the beta page's placeholder) come after the synthetic ScoreDays.
//
// now anchors the synthetic data's dates; the documented examples keep their documented dates.
func Entities(set, version string, literal bool, now time.Time) []json.RawMessage {
	set = strings.Trim(set, "/")
	if version != "v1.0" && version != "beta" {
		return nil
	}
	beta := version == "beta"
	switch set {
	case SetAlerts:
		return raws(documentedAlerts(literal), synthetic(now).alerts)
	case SetIncidents:
		return raws(documentedIncidents(version, literal), synthetic(now).incidents)
	case SetSecureScores:
		out := append(toRaw(scoreEntities(now)), documentedScore(literal))
		if literal && beta {
			out = append(out, compact(docScorePlaceholder))
		}
		return out
	case SetControlProfiles:
		var out []json.RawMessage
		if literal && beta {
			out = append(out, compact(docProfilePlaceholder))
		}
		out = append(out, documentedProfiles()...)
		for i, c := range controlProfiles {
			out = append(out, marshal(profileEntity(c, i+1, now, literal && beta)))
		}
		return out
	case SetTiIndicators:
		if !beta {
			return nil
		}
		return raws(documentedTiIndicators(literal), tiIndicatorEntities(now))
	case SetSecurityActions:
		if !beta {
			return nil
		}
		return raws(documentedSecurityActions(literal), securityActionEntities(now))
	}
	return nil
}

// AlertsOf returns the alerts of one incident (those whose incidentId is incidentID), in the
// order Entities lists them: what $expand=alerts navigates to.
func AlertsOf(incidentID, version string, literal bool, now time.Time) []json.RawMessage {
	var out []json.RawMessage
	for _, a := range Entities(SetAlerts, version, literal, now) {
		var head struct {
			IncidentID string `json:"incidentId"`
		}
		if json.Unmarshal(a, &head) == nil && head.IncidentID == incidentID {
			out = append(out, a)
		}
	}
	return out
}

func raws(first []json.RawMessage, rest []obj) []json.RawMessage {
	return append(first, toRaw(rest)...)
}

func toRaw(objs []obj) []json.RawMessage {
	out := make([]json.RawMessage, 0, len(objs))
	for _, o := range objs {
		out = append(out, marshal(o))
	}
	return out
}

// compact returns the example text without insignificant whitespace.
func compact(s string) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		panic("secops: bad example JSON: " + err.Error())
	}
	return buf.Bytes()
}
