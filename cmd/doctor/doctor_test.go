package doctor

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/graph"
)

func jwt(payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(payload)) + ".sig"
}

func TestDecodeClaims(t *testing.T) {
	c := decodeClaims(jwt(`{"tid":"t1","azp":"app1","scp":"SecurityAlert.Read.All ThreatIntelligence.Read","exp":1}`))
	if c == nil || c.TenantID != "t1" || c.app() != "app1" || strings.Join(c.permissions(), ",") != "SecurityAlert.Read.All,ThreatIntelligence.Read" {
		t.Fatalf("claims = %+v", c)
	}
	for _, opaque := range []string{"script-token", "a.b", "a.!!!.c", jwt(`[1]`)} {
		if decodeClaims(opaque) != nil {
			t.Errorf("%q decoded as a JWT", opaque)
		}
	}
}

// A user's token is refused for securityActions whatever it carries.
func TestGrantedHonoursAppOnlyFamilies(t *testing.T) {
	d := &doctor{claims: &claims{Scope: "SecurityActions.Read.All"}}
	if ok, why := d.granted(families[6]); ok || !strings.Contains(why, "application permissions only") {
		t.Fatalf("granted = %v, %q", ok, why)
	}
	d.claims = &claims{Roles: []string{"securityactions.read.all"}}
	if ok, _ := d.granted(families[6]); !ok {
		t.Fatal("an app role was not recognised")
	}
}

func TestNoProxyBypass(t *testing.T) {
	for _, tc := range []struct {
		noProxy, host string
		want          bool
	}{
		{"", "graph.microsoft.com", false},
		{"*", "graph.microsoft.com", true},
		{".microsoft.com", "graph.microsoft.com", true},
		{"microsoft.com", "graph.microsoft.com", true},
		{"soft.com", "graph.microsoft.com", false},
		{"127.0.0.1:8443, example.com", "127.0.0.1", true},
	} {
		if got := bypasses(tc.noProxy, tc.host); got != tc.want {
			t.Errorf("bypasses(%q, %q) = %v", tc.noProxy, tc.host, got)
		}
	}
}

// A clock more than five minutes off fails the check: Entra ID tokens would be refused.
func TestClockSkew(t *testing.T) {
	server := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	for skew, want := range map[time.Duration]string{time.Minute: statusOK, -4 * time.Minute: statusOK, 6 * time.Minute: statusFail, -time.Hour: statusFail} {
		d := &doctor{opts: &Options{Now: func() time.Time { return server.Add(skew) }}}
		d.clock(server)
		if d.results[0].Status != want {
			t.Errorf("skew %s: %+v, want %s", skew, d.results[0], want)
		}
	}
}

func TestProbeFailureExplainsA403(t *testing.T) {
	ti := families[0]
	for msg, want := range map[string]string{
		"Tenant verification state: notVerified. Complete tenant verification at https://security.microsoft.com/tenantverification and retry.": "complete tenant verification at https://security.microsoft.com/tenantverification, then retry",
		"The tenant does not have a license that includes the Microsoft Threat Intelligence APIs.":                                             "Microsoft Defender XDR or Microsoft Sentinel licence",
		"Missing application roles. API required roles: ThreatIntelligence.Read.All, application roles: .":                                     "grant the Microsoft Graph permission ThreatIntelligence.Read.All",
		"Forbidden": "Security Reader role",
	} {
		status, _, fix := probeFailure(ti, &graph.APIError{StatusCode: 403, Code: "Forbidden", Message: msg})
		if status != statusFail || !strings.Contains(fix, want) {
			t.Errorf("%q: %s %q, want a fix with %q", msg, status, fix, want)
		}
	}
	if status, _, _ := probeFailure(families[5], &graph.APIError{StatusCode: 404}); status != statusWarn {
		t.Errorf("a retired tiIndicators set: %s, want warn", status)
	}
	if status, _, _ := probeFailure(ti, errors.New("connection refused")); status != statusFail {
		t.Errorf("a network error: %s, want fail", status)
	}
}
