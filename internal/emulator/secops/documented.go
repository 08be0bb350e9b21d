package secops

import (
	"encoding/json"
	"strings"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// The documented examples as entity records. Records a page implies but does not print
// (the target of a comments example, the incident its alerts name) are derived from the
// printed ones and marked so.

// decode parses example JSON keeping numbers as printed.
func decode(s string) obj {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var o obj
	if err := d.Decode(&o); err != nil {
		panic("secops: bad example JSON: " + err.Error())
	}
	return o
}

func documentedAlerts(literal bool) []json.RawMessage {
	// Derived: the alert of security-alert-post-comments.md, whose body the page does not
	// print: the get example's alert under that id, with the comment already there.
	commented := decode(strings.ReplaceAll(docAlertTemplate, "ALERTID", "da637865765418431569_-773071023"))
	commented["comments"] = []obj{{"comment": "test", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:30.1606766Z"}}
	alerts := []obj{decode(docAlertListed()), decode(docAlertGot()), commented}
	if !literal {
		for _, a := range alerts {
			a["recommendedActions"] = cleanReplacementChars(a["recommendedActions"].(string))
		}
	}
	return toRaw(alerts)
}

// cleanReplacementChars undoes the docs' lost bytes: U+FFFD before a tab was a bullet, any
// other was an apostrophe.
func cleanReplacementChars(s string) string {
	s = strings.ReplaceAll(s, "\uFFFD\t", "•\t")
	return strings.ReplaceAll(s, "\uFFFD", "’")
}

func documentedIncidents(version string, literal bool) []json.RawMessage {
	listed := decode(docIncidentListed(version))
	if version == "beta" && !literal {
		// The beta get page adds these to the listed incident (and prints the v1.0 members).
		listed = decode(patchJSON(docIncident, `{"recommendedActions":`+jsonString(docIncidentRecommendedActions)+`,"recommendedHuntingQueries":[{"kqlText":`+jsonString(docIncidentHuntingGet)+`}]}`))
	}
	// Derived: the incident of security-incident-post-comments.md (id only on the page).
	commented := decode(docIncident)
	commented["id"] = "3962396"
	commented["incidentWebUrl"] = "https://security.microsoft.com/incidents/3962396?tid=12f988bf-16f1-11af-11ab-1d7cd011db47"
	commented["displayName"] = "Incident 3962396 (the comments example)"
	commented["comments"] = []obj{{"comment": "test", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:45.4626766Z"}}
	commented["customTags"] = []string{}
	// Derived: incident 28282, which the documented alerts name as their incidentId.
	named := decode(docIncident)
	for k, v := range map[string]any{
		"id": "28282", "incidentWebUrl": "https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
		"displayName": "Suspicious execution of hidden file", "createdDateTime": "2021-04-27T12:19:27.7211305Z",
		"lastUpdateDateTime": "2021-05-02T14:19:01.3266667Z", "assignedTo": nil, "classification": "Unknown",
		"determination": "Unknown", "status": "Active", "severity": "Low", "customTags": []string{}, "comments": []obj{},
		"description": "Incident of the documented alerts (incidentId 28282).",
	} {
		named[k] = v
	}
	incidents := []obj{listed, commented, named}
	if !literal {
		for _, inc := range incidents {
			normalizeIncident(inc)
		}
	}
	return toRaw(incidents)
}

// normalizeIncident types a documented incident as security-incident.md says.
func normalizeIncident(inc obj) {
	inc["@odata.type"] = "#microsoft.graph.security.incident"
	for _, k := range []string{"classification", "determination", "status", "severity"} {
		if s, ok := inc[k].(string); ok {
			inc[k] = camel(s)
		}
	}
	if tags, ok := inc["tags"]; ok {
		inc["customTags"] = tags
		delete(inc, "tags")
	}
	comments, _ := inc["comments"].([]any)
	for _, c := range comments {
		m, ok := c.(map[string]any)
		if !ok {
			continue
		}
		if v, ok := m["createdBy"]; ok {
			m["createdByDisplayName"] = v
			delete(m, "createdBy")
		}
		if v, ok := m["createdTime"]; ok {
			m["createdDateTime"] = v
			delete(m, "createdTime")
		}
	}
}

// camel lowercases the first letter: TruePositive → truePositive.
func camel(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

func documentedScore(literal bool) json.RawMessage {
	if literal {
		return compact(docScoreGot)
	}
	s := decode(docScoreGot)
	for _, a := range s["averageComparativeScores"].([]any) {
		m := a.(map[string]any)
		for k, v := range m {
			if str, ok := v.(string); ok && k != "basis" && k != "categoryValue" && numeric.Get().MatchString(str) {
				m[k] = json.Number(str)
			}
		}
	}
	return marshal(s)
}

var numeric = lazy.Pattern{Expr: `^-?[0-9]+(\.[0-9]+)?$`}

func documentedProfiles() []json.RawMessage {
	// The get page's variant of DLPEnabled (trailing-space keys) lives in Examples only: the
	// list page's one is what both modes list.
	return []json.RawMessage{compact(docProfileListed), compact(docProfileUpdated)}
}

func documentedTiIndicators(literal bool) []json.RawMessage {
	if literal {
		submitted := decode(docTiSubmitResponse)["value"].([]any)[0]
		return []json.RawMessage{compact(docTiPlaceholder), compact(docTiPostResponse), marshal(submitted)}
	}
	posted := decode(docTiPostRequest)
	posted["id"], posted["azureTenantId"] = "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e", tiTenantMask
	items := decode(docTiSubmitRequest)["value"].([]any)
	first, second := items[0].(map[string]any), items[1].(map[string]any)
	first["id"], first["azureTenantId"] = "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4", tiTenantMask
	// Derived: the second submitted indicator, whose id the truncated response omits.
	second["id"], second["azureTenantId"] = "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e5", tiTenantMask
	out := []json.RawMessage{}
	for _, o := range []obj{posted, first, second} {
		o["@odata.type"] = "#microsoft.graph.tiIndicator"
		o["expirationDateTime"] = strings.Replace(o["expirationDateTime"].(string), "+00:00", "Z", 1)
		out = append(out, marshal(o))
	}
	return out
}

func documentedSecurityActions(literal bool) []json.RawMessage {
	if literal {
		return []json.RawMessage{compact(docActionPlaceholder), compact(docActionPostResponse)}
	}
	a := decode(docActionPostResponse)
	for _, k := range []string{"createdDateTime", "lastActionDateTime"} {
		a[k] = strings.Replace(a[k].(string), " ", "T", 1) + "Z"
	}
	return []json.RawMessage{marshal(a)}
}
