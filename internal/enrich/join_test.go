package enrich

import (
	"reflect"
	"testing"

	"github.com/mdti-cli/mdti/internal/indicator"
)

func policy(t *testing.T, own ...string) indicator.SendPolicy {
	t.Helper()
	p, err := indicator.NewSendPolicy(own)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJoinAcrossAlertsAndIncidents(t *testing.T) {
	found := []Extracted{
		{Indicator: "hxxps://evil[.]example/a", Host: "evil.example", Kind: "url", AlertID: "a2", IncidentID: "1"},
		{Indicator: "10.0.0.5", Host: "10.0.0.5", Kind: "networkConnection", AlertID: "a1", IncidentID: "1"},
		{Indicator: "EVIL.example", Host: "evil.example", Kind: "dns", AlertID: "a1", IncidentID: "1"},
		{Indicator: "https://evil.example/b", Host: "evil.example", Kind: "url", AlertID: "a1", IncidentID: "1"},
		{Indicator: "evil.example", Host: "evil.example", Kind: "analyzedMessage", AlertID: "a9", IncidentID: "2"},
		{Indicator: "mail.contoso.com", Host: "mail.contoso.com", Kind: "analyzedMessage", AlertID: "a9", IncidentID: "2"},
		{Indicator: "198.18.0.9", Host: "198.18.0.9", Kind: "ip", AlertID: "a9", IncidentID: "2"},
		{Indicator: "8.8.8.8", Host: "8.8.8.8", Kind: "ip", AlertID: "a9", IncidentID: "2"},
		{Indicator: "8.8.8.8", Host: "8.8.8.8", Kind: "ip", AlertID: "a9", IncidentID: "2"}, // the same evidence twice
		{Indicator: "8.8.8.8", Host: "8.8.8.8", Kind: "device", AlertID: "", IncidentID: "2"},
	}
	got := Join(found, policy(t, "contoso.com"))
	want := Joined{
		Entries: []Entry{
			{IncidentID: "1", Indicator: "hxxps://evil[.]example/a", Host: "evil.example", Evidence: []string{"dns", "url"}, AlertIDs: []string{"a1", "a2"}},
			{IncidentID: "1", Indicator: "10.0.0.5", Host: "10.0.0.5", Evidence: []string{"networkConnection"}, AlertIDs: []string{"a1"}, Skipped: indicator.SkipPrivate},
			{IncidentID: "2", Indicator: "evil.example", Host: "evil.example", Evidence: []string{"analyzedMessage"}, AlertIDs: []string{"a9"}},
			{IncidentID: "2", Indicator: "mail.contoso.com", Host: "mail.contoso.com", Evidence: []string{"analyzedMessage"}, AlertIDs: []string{"a9"}, Skipped: indicator.SkipOwnDomain},
			{IncidentID: "2", Indicator: "198.18.0.9", Host: "198.18.0.9", Evidence: []string{"ip"}, AlertIDs: []string{"a9"}, Skipped: indicator.SkipReserved},
			{IncidentID: "2", Indicator: "8.8.8.8", Host: "8.8.8.8", Evidence: []string{"device", "ip"}, AlertIDs: []string{"a9"}},
		},
		Lookup: []string{"evil.example", "8.8.8.8"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Join\n got %+v\nwant %+v", got, want)
	}
}

func TestJoinAlertsWithoutIncident(t *testing.T) {
	found := []Extracted{
		{Indicator: "1.1.1.1", Host: "1.1.1.1", Kind: "device", AlertID: "b"},
		{Indicator: "1.1.1.1", Host: "1.1.1.1", Kind: "ip", AlertID: "a"},
	}
	got := Join(found, indicator.SendPolicy{})
	want := Joined{
		Entries: []Entry{{Indicator: "1.1.1.1", Host: "1.1.1.1", Evidence: []string{"device", "ip"}, AlertIDs: []string{"a", "b"}}},
		Lookup:  []string{"1.1.1.1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Join\n got %+v\nwant %+v", got, want)
	}
}

func TestJoinNothing(t *testing.T) {
	if got := Join(nil, indicator.SendPolicy{}); len(got.Entries) != 0 || len(got.Lookup) != 0 {
		t.Errorf("Join(nil) = %+v", got)
	}
}

func TestJoinWithoutIncidents(t *testing.T) {
	var x Extraction
	for _, alert := range []string{
		`{"id":"a1","incidentId":"1","evidence":[{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"8.8.8.8"},{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"1.2.3"}]}`,
		`{"id":"a2","incidentId":"2","evidence":[{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"http://8.8.8.8/x"}]}`,
	} {
		one, err := FromAlert([]byte(alert), "")
		if err != nil {
			t.Fatal(err)
		}
		x.Add(one)
	}
	plain := x.WithoutIncidents()
	if x.Found[0].IncidentID != "1" {
		t.Error("WithoutIncidents changed the extraction it was called on")
	}
	if plain.Dropped[0].IncidentID != "" || plain.Dropped[0].AlertID != "a1" {
		t.Errorf("dropped = %+v", plain.Dropped[0])
	}
	got := Join(plain.Found, indicator.SendPolicy{})
	want := []Entry{{Indicator: "8.8.8.8", Host: "8.8.8.8", Evidence: []string{"ip", "url"}, AlertIDs: []string{"a1", "a2"}}}
	if !reflect.DeepEqual(got.Entries, want) {
		t.Errorf("entries\n got %+v\nwant %+v", got.Entries, want)
	}
}
