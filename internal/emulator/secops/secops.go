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
	"fmt"
	"strings"
	"sync"
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
// Answers for the latest now are cached: the returned slice is the caller's, the JSON bytes
// in it are shared and must not be modified.
func Entities(set, version string, literal bool, now time.Time) []json.RawMessage {
	set = strings.Trim(set, "/")
	key := fmt.Sprintf("%s|%s|%v", set, version, literal)
	entityCache.Lock()
	defer entityCache.Unlock()
	if !entityCache.now.Equal(now) || entityCache.sets == nil {
		entityCache.now, entityCache.sets, entityCache.alertIndex = now, map[string][]json.RawMessage{}, nil
	}
	out, ok := entityCache.sets[key]
	if !ok {
		out = entities(set, version, literal, now)
		entityCache.sets[key] = out
	}
	if out == nil {
		return nil
	}
	return append([]json.RawMessage(nil), out...)
}

var entityCache struct {
	sync.Mutex
	now        time.Time
	sets       map[string][]json.RawMessage
	alertIndex map[string]map[string][]int // version|literal → incident id → alert positions
}

func entities(set, version string, literal bool, now time.Time) []json.RawMessage {
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
	alerts := Entities(SetAlerts, version, literal, now)
	key := fmt.Sprintf("%s|%v", version, literal)
	entityCache.Lock()
	index, ok := entityCache.alertIndex[key]
	cacheable := entityCache.now.Equal(now)
	entityCache.Unlock()
	if !ok || !cacheable {
		index = indexByIncident(alerts)
	}
	if !ok && cacheable {
		entityCache.Lock()
		if entityCache.now.Equal(now) {
			if entityCache.alertIndex == nil {
				entityCache.alertIndex = map[string]map[string][]int{}
			}
			entityCache.alertIndex[key] = index
		}
		entityCache.Unlock()
	}
	var out []json.RawMessage
	for _, i := range index[incidentID] {
		out = append(out, alerts[i])
	}
	return out
}

func indexByIncident(alerts []json.RawMessage) map[string][]int {
	index := map[string][]int{}
	for i, a := range alerts {
		var head struct {
			IncidentID string `json:"incidentId"`
		}
		if json.Unmarshal(a, &head) == nil {
			index[head.IncidentID] = append(index[head.IncidentID], i)
		}
	}
	return index
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
