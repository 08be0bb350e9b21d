package graph

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"testing"
)

// A beta entity wrapped in {"value": …} reads like a plain one, and an id is one
// escaped path segment.
func TestGetHostReputationUnwrapsAndEscapes(t *testing.T) {
	const rep = `{"@odata.context":"c","@odata.type":"#microsoft.graph.security.hostReputation","id":"1.2.3.4",` +
		`"classification":"neutral","score":0,"rules":[]}`
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.EscapedPath() != "/beta/security/threatIntelligence/hosts/1.2.3.4/reputation" {
			w.WriteHeader(404)
			fmt.Fprint(w, `{"error":{"code":"NotFound","message":"Host not found"}}`)
			return
		}
		fmt.Fprintf(w, `{"value":%s}`, rep) // the documented beta examples wrap entities
	}, WithAPIVersion("beta"))
	got, err := c.GetHostReputation(context.Background(), "1.2.3.4")
	if err != nil {
		t.Fatal(err)
	}
	want := HostReputation{ID: "1.2.3.4", Classification: "neutral", Rules: []HostReputationRule{},
		Raw: []byte(`{"@odata.type":"#microsoft.graph.security.hostReputation","id":"1.2.3.4","classification":"neutral","score":0,"rules":[]}`)}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("reputation =\n%+v\nwant\n%+v\nraw %s", *got, want, got.Raw)
	}

	_, err = c.GetHostReputation(context.Background(), "../me")
	if !IsNotFound(err) || err.Error() != `get reputation for "../me": GET /beta/security/threatIntelligence/hosts/..%2Fme/reputation: 404 NotFound: Host not found (date: `+shownDate+`)` {
		t.Errorf("err = %v", err)
	}
	if got := rec.req(1).URL.EscapedPath(); got != "/beta/security/threatIntelligence/hosts/..%2Fme/reputation" {
		t.Errorf("path = %q", got)
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

func TestGetHostReputationBadShape(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprint(w, `{"id":"x","score":"Int32"}`)
	})
	if _, err := c.GetHostReputation(context.Background(), "x"); err == nil {
		t.Error("a placeholder in a number field must be an error, not a zero")
	}
}
