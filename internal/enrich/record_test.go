package enrich

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/indicator"
)

const maliciousRep = `{"@odata.type":"#microsoft.graph.security.hostReputation","id":"r1","classification":"malicious","score":85,
	"rules":[{"name":"Low thing","description":"d","relatedDetailsUrl":null,"severity":"low"},
	         {"name":"Known C2","description":"d","relatedDetailsUrl":"https://x","severity":"high"},
	         {"name":"Also high","description":"d","relatedDetailsUrl":null,"severity":"High"}]}`

func TestRecordJSON(t *testing.T) {
	entry := Entry{IncidentID: "2972395", Indicator: "hxxps://evil[.]example/a", Host: "evil.example",
		Evidence: []string{"dns", "url"}, AlertIDs: []string{"a1", "a2"}}
	tests := []struct {
		name     string
		entry    Entry
		rep      string
		datasets map[string]json.RawMessage
		want     string
	}{
		{"reputation", entry, maliciousRep, nil,
			`{"incidentId":"2972395","indicator":"hxxps://evil[.]example/a","host":"evil.example","evidence":["dns","url"],"alertIds":["a1","a2"],` +
				`"classification":"malicious","score":85,"rules":[{"name":"Low thing","description":"d","relatedDetailsUrl":null,"severity":"low"},` +
				`{"name":"Known C2","description":"d","relatedDetailsUrl":"https://x","severity":"high"},` +
				`{"name":"Also high","description":"d","relatedDetailsUrl":null,"severity":"High"}]}`},
		{"datasets in key order after rules; --with host does not overwrite host", entry, `{"classification":"neutral","score":0,"rules":[]}`,
			map[string]json.RawMessage{"whois": json.RawMessage(`{"registrar":"R"}`), "host": json.RawMessage(`{"id":"evil.example"}`),
				"pdns": json.RawMessage(`{"count": 2, "mostRecent": "2024-01-01"}`)},
			`{"incidentId":"2972395","indicator":"hxxps://evil[.]example/a","host":"evil.example","evidence":["dns","url"],"alertIds":["a1","a2"],` +
				`"classification":"neutral","score":0,"rules":[],"hostDataset":{"id":"evil.example"},"pdns":{"count":2,"mostRecent":"2024-01-01"},"whois":{"registrar":"R"}}`},
		{"no reputation: unknown", entry, "", nil,
			`{"incidentId":"2972395","indicator":"hxxps://evil[.]example/a","host":"evil.example","evidence":["dns","url"],"alertIds":["a1","a2"],` +
				`"classification":"unknown","score":null,"rules":[]}`},
		{"rules null", Entry{Indicator: "1.1.1.1", Host: "1.1.1.1"}, `{"classification":"neutral","score":0,"rules":null}`, nil,
			`{"indicator":"1.1.1.1","host":"1.1.1.1","evidence":[],"alertIds":[],"classification":"neutral","score":0,"rules":[]}`},
		{"skipped: nothing was sent, nothing is claimed",
			Entry{IncidentID: "7", Indicator: "10.0.0.5", Host: "10.0.0.5", Evidence: []string{"networkConnection"}, AlertIDs: []string{"a1"}, Skipped: indicator.SkipPrivate},
			maliciousRep, map[string]json.RawMessage{"whois": json.RawMessage(`{}`)},
			`{"incidentId":"7","indicator":"10.0.0.5","host":"10.0.0.5","evidence":["networkConnection"],"alertIds":["a1"],"skipped":"private"}`},
		{"alerts enrich: no incidentId key", Entry{Indicator: "8.8.8.8", Host: "8.8.8.8", Evidence: []string{"ip"}, AlertIDs: []string{"a"}},
			`{"classification":"neutral","score":0,"rules":[]}`, nil,
			`{"indicator":"8.8.8.8","host":"8.8.8.8","evidence":["ip"],"alertIds":["a"],"classification":"neutral","score":0,"rules":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep json.RawMessage
			if tt.rep != "" {
				rep = json.RawMessage(tt.rep)
			}
			r, err := NewRecord(tt.entry, rep, tt.datasets)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("JSON\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNewRecordRefuses(t *testing.T) {
	e := Entry{Indicator: "8.8.8.8", Host: "8.8.8.8"}
	tests := []struct {
		name, rep string
		datasets  map[string]json.RawMessage
		why       string
	}{
		{"a placeholder score", `{"classification":"neutral","score":"Int32"}`, nil, "decode reputation"},
		{"rules not a list", `{"classification":"neutral","score":1,"rules":{"name":"x"}}`, nil, "rules"},
		{"not JSON", `{`, nil, "decode reputation"},
		{"two datasets for one key", `{"classification":"neutral","score":0}`,
			map[string]json.RawMessage{"score": json.RawMessage(`1`), "scoreDataset": json.RawMessage(`2`)}, `"scoreDataset" is taken`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRecord(e, json.RawMessage(tt.rep), tt.datasets)
			if err == nil || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("err = %v, want one about %q", err, tt.why)
			}
		})
	}
}

func TestTopRuleIsTheMostSevereFirst(t *testing.T) {
	r, err := NewRecord(Entry{Host: "evil.example"}, json.RawMessage(maliciousRep), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.topRule != "Known C2 (high)" {
		t.Errorf("topRule = %q", r.topRule)
	}
	for _, tt := range []struct {
		rules []rule
		want  string
	}{
		{nil, ""},
		{[]rule{{Name: "A"}, {Name: "B", Severity: "medium"}}, "B (medium)"},
		{[]rule{{Name: "A"}, {Name: "B"}}, "A"},
		{[]rule{{Name: "A", Severity: "weird"}, {Name: "B", Severity: "low"}}, "B (low)"},
	} {
		if got := topRule(tt.rules); got != tt.want {
			t.Errorf("topRule(%+v) = %q, want %q", tt.rules, got, tt.want)
		}
	}
}

func TestSortForTable(t *testing.T) {
	rec := func(host, class string, skipped indicator.SkipReason) Record {
		return Record{Host: host, Classification: class, Skipped: skipped}
	}
	records := []Record{
		rec("s1", "", indicator.SkipPrivate),
		rec("u1", "unknown", ""),
		rec("n1", "neutral", ""),
		rec("m1", "malicious", ""),
		rec("x1", "somethingNew", ""),
		rec("sus1", "suspicious", ""),
		rec("m2", "Malicious", ""),
		rec("s2", "", indicator.SkipOwnDomain),
		rec("n2", "Neutral", ""),
		rec("sus2", "suspicious", ""),
		rec("u2", "unknown", ""),
	}
	SortForTable(records)
	var got []string
	for _, r := range records {
		got = append(got, r.Host)
	}
	want := "m1 m2 sus1 sus2 n1 n2 u1 x1 u2 s1 s2"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %s, want %s", strings.Join(got, " "), want)
	}
}
