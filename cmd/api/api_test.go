package api

import (
	"testing"

	"github.com/mdti-cli/mdti/internal/graph"
)

func TestParseHeaders(t *testing.T) {
	h, err := parseHeaders([]string{"ConsistencyLevel: eventual", "Prefer:  odata.maxpagesize=5 ", "X-A: 1", "X-A: 2"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Get("ConsistencyLevel") != "eventual" || h.Get("Prefer") != "odata.maxpagesize=5" || len(h.Values("X-A")) != 2 {
		t.Errorf("headers = %v", h)
	}
	for _, bad := range []string{"NoColon", ": v", "Bad Name: v", "X: a\r\nInjected: b", "authorization: Bearer x", "Host: evil.example"} {
		if _, err := parseHeaders([]string{bad}); err == nil {
			t.Errorf("parseHeaders(%q): want an error", bad)
		}
	}
}

func TestVersioned(t *testing.T) {
	c := graph.New(graph.WithEndpoint("https://graph.example"), graph.WithAPIVersion("v1.0"))
	for in, want := range map[string]string{
		"/security/threatIntelligence/hosts/x": "/security/threatIntelligence/hosts/x",
		"security/threatIntelligence/hosts/x":  "security/threatIntelligence/hosts/x",
		"/beta/security/threatIntelligence":    "https://graph.example/beta/security/threatIntelligence",
		"v1.0/security?$top=1":                 "https://graph.example/v1.0/security?$top=1",
		"/$batch":                              "/$batch",
		"/betamax/x":                           "/betamax/x",
	} {
		if got := versioned(c, in); got != want {
			t.Errorf("versioned(%q) = %q, want %q", in, got, want)
		}
	}
}
