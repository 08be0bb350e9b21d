package graph

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"testing"
)

func TestGetHost(t *testing.T) {
	const ip = `{"@odata.context":"c","@odata.type":"#microsoft.graph.security.ipAddress","id":"1.2.3.4",` +
		`"firstSeenDateTime":"String (timestamp)","lastSeenDateTime":"2024-01-01T00:00:00Z",` +
		`"autonomousSystem":{"name":"AS","number":8075,"organization":"Microsoft","value":"8075"},` +
		`"countryOrRegion":"US","hostingProvider":"Microsoft","netblock":"1.2.0.0/16"}`
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.EscapedPath() != "/beta/security/threatIntelligence/hosts/1.2.3.4" {
			w.WriteHeader(404)
			fmt.Fprint(w, `{"error":{"code":"NotFound","message":"Host not found"}}`)
			return
		}
		fmt.Fprintf(w, `{"value":%s}`, ip) // beta wraps entities
	}, WithAPIVersion("beta"))
	h, err := c.GetHost(context.Background(), "1.2.3.4")
	if err != nil {
		t.Fatal(err)
	}
	want := Host{ODataType: "#microsoft.graph.security.ipAddress", ID: "1.2.3.4",
		FirstSeenDateTime: "String (timestamp)", LastSeenDateTime: "2024-01-01T00:00:00Z",
		AutonomousSystem: &AutonomousSystem{Name: "AS", Number: 8075, Organization: "Microsoft", Value: "8075"},
		CountryOrRegion:  "US", HostingProvider: "Microsoft", Netblock: "1.2.0.0/16",
		Raw: []byte(ip[len(`{"@odata.context":"c",`)-1:])}
	want.Raw[0] = '{'
	if !reflect.DeepEqual(*h, want) {
		t.Errorf("host =\n%+v\nwant\n%+v\nraw %s", *h, want, h.Raw)
	}
	if h.Kind() != "ipAddress" {
		t.Errorf("Kind = %q", h.Kind())
	}

	_, err = c.GetHost(context.Background(), "../me")
	if !IsNotFound(err) || err.Error() != `get host "../me": GET /beta/security/threatIntelligence/hosts/..%2Fme: 404 NotFound: Host not found (date: `+stubDate+`)` {
		t.Errorf("err = %v", err)
	}
	if got := rec.req(1).URL.EscapedPath(); got != "/beta/security/threatIntelligence/hosts/..%2Fme" {
		t.Errorf("path = %q", got)
	}
}

func TestHostKind(t *testing.T) {
	tests := []struct{ typ, id, want string }{
		{"#microsoft.graph.security.hostname", "contoso.com", "hostname"},
		{"#microsoft.graph.security.hostName", "contoso.com", "hostname"},
		{"microsoft.graph.security.ipAddress", "1.2.3.4", "ipAddress"},
		{"#MICROSOFT.GRAPH.SECURITY.IPADDRESS", "", "ipAddress"},
		{"#microsoft.graph.security.hostPair", "x", ""},
		{"", "2001:db8::1", "ipAddress"},
		{"", "contoso.com", "hostname"},
		{"", "", ""},
	}
	for _, tt := range tests {
		h := Host{ODataType: tt.typ, ID: tt.id}
		if got := h.Kind(); got != tt.want {
			t.Errorf("Kind(%q, %q) = %q, want %q", tt.typ, tt.id, got, tt.want)
		}
	}
}

func TestGetHostReputation(t *testing.T) {
	const body = `{"@odata.type":"#microsoft.graph.security.hostReputation","id":"r1","classification":"malicious","score":85,` +
		`"rules":[{"name":"Known bad","description":"d","relatedDetailsUrl":"https://x","severity":"high"}]}`
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) { fmt.Fprint(w, body) })
	rep, err := c.GetHostReputation(context.Background(), "fake-malicious.site")
	if err != nil {
		t.Fatal(err)
	}
	want := HostReputation{ID: "r1", Classification: "malicious", Score: 85,
		Rules: []HostReputationRule{{Name: "Known bad", Description: "d", RelatedDetailsURL: "https://x", Severity: "high"}},
		Raw:   []byte(body)}
	if !reflect.DeepEqual(*rep, want) {
		t.Errorf("reputation = %+v", *rep)
	}
	if got := rec.req(0).URL.Path; got != "/v1.0/security/threatIntelligence/hosts/fake-malicious.site/reputation" {
		t.Errorf("path = %q", got)
	}
}

func TestGetHostBadShape(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprint(w, `{"id":"x","autonomousSystem":{"number":"Int32"}}`)
	})
	if _, err := c.GetHost(context.Background(), "x"); err == nil {
		t.Error("a placeholder in a number field must be an error, not a zero")
	}
}
