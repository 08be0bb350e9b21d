package emulator

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func TestUnknownHostIs404Envelope(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	for _, p := range []string{"hosts/no-such-host.example", "hosts/no-such-host.example/passiveDns", "articles/ffffffff", "vulnerabilities/CVE-1999-0001", "hosts/contoso.com/bogus"} {
		wantError(t, get(t, srv, "/v1.0"+ti+p), 404, "NotFound")
	}
	wantError(t, get(t, srv, "/v1.0/me"), 404, "NotFound")
	wantError(t, get(t, srv, "/oauth2/token"), 404, "NotFound") // no Fallback
}

func TestRequestIDsAreFreshAndSeeded(t *testing.T) {
	_, a := newTestServer(t, Options{Seed: 7})
	_, b := newTestServer(t, Options{Seed: 7})
	a1 := get(t, a, "/v1.0"+ti+"hosts/nope.example").header.Get("request-id")
	a2 := get(t, a, "/v1.0"+ti+"hosts/nope.example").header.Get("request-id")
	b1 := get(t, b, "/v1.0"+ti+"hosts/nope.example").header.Get("request-id")
	if a1 == "" || a1 == a2 || a1 != b1 {
		t.Errorf("request ids %q %q %q", a1, a2, b1)
	}
}

func TestTokens(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	url := srv.URL + "/v1.0" + ti + "hosts/contoso.com"
	r := doRequest(t, "GET", url, "", "")
	wantError(t, r, 401, "InvalidAuthenticationToken")
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer ") {
		t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
	}
	wantError(t, doRequest(t, "GET", url, TokenExpired, ""), 401, "InvalidAuthenticationToken")
	e := wantError(t, doRequest(t, "GET", url, TokenUnlicensed, ""), 403, "Forbidden")
	if msg := e["message"].(string); !strings.Contains(msg, "ThreatIntelligence.Read.All") || !strings.Contains(msg, "licence") {
		t.Errorf("403 message = %q", msg)
	}
	r = doRequest(t, "GET", url, TokenClaimsChallenge, "")
	wantError(t, r, 401, "InvalidAuthenticationToken")
	h := r.header.Get("WWW-Authenticate")
	_, claims, ok := strings.Cut(h, `claims="`)
	if !strings.Contains(h, `error="insufficient_claims"`) || !ok {
		t.Fatalf("WWW-Authenticate = %q", h)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(claims, `"`))
	if err != nil || !strings.Contains(string(raw), "access_token") {
		t.Errorf("claims %q: %v", raw, err)
	}
}

func TestValidateToken(t *testing.T) {
	_, srv := newTestServer(t, Options{ValidateToken: func(tok string) error {
		if tok != "issued-by-entra" {
			return errors.New("unknown token")
		}
		return nil
	}})
	url := srv.URL + "/v1.0" + ti + "hosts/contoso.com"
	wantError(t, doRequest(t, "GET", url, "forged", ""), 401, "InvalidAuthenticationToken")
	if r := doRequest(t, "GET", url, "issued-by-entra", ""); r.status != 200 {
		t.Errorf("valid token: %d", r.status)
	}
}

func TestOnlyGET(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	r := doRequest(t, "POST", srv.URL+"/v1.0"+ti+"hosts/contoso.com", "tok", "{}")
	wantError(t, r, 405, "Request_BadRequest")
}

func TestRateLimit(t *testing.T) {
	emu, srv := newTestServer(t, Options{RateLimit: 2, RetryAfter: 3e9})
	for i := 0; i < 2; i++ {
		if r := get(t, srv, "/v1.0"+ti+"hosts/contoso.com"); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := get(t, srv, "/v1.0"+ti+"hosts/contoso.com")
	wantError(t, r, 429, "TooManyRequests")
	if r.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	emu.SetRateLimit(0)
	if r := get(t, srv, "/v1.0"+ti+"hosts/contoso.com"); r.status != 200 {
		t.Errorf("after SetRateLimit(0): %d", r.status)
	}
}

func TestFaultHosts(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	r := get(t, srv, "/v1.0"+ti+"hosts/throttled.fault.test/reputation")
	wantError(t, r, 429, "TooManyRequests")
	if r.header.Get("Retry-After") != "0" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/unavailable.fault.test"), 503, "ServiceUnavailable")
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/forbidden.fault.test"), 403, "Forbidden")
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/error.fault.test"), 500, "InternalServerError")
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/flaky.fault.test"), 503, "ServiceUnavailable")
	if r := get(t, srv, "/v1.0"+ti+"hosts/flaky.fault.test"); r.status != 200 {
		t.Errorf("flaky second try: %d %s", r.status, r.body)
	}
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/flaky.fault.test/reputation"), 503, "ServiceUnavailable")
}

func TestRequestsRecorded(t *testing.T) {
	emu, srv := newTestServer(t, Options{})
	get(t, srv, "/v1.0"+ti+"hosts/a%2Fb.example?$top=1")
	reqs := emu.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1.0/security/threatIntelligence/hosts/a/b.example" ||
		reqs[0].RawPath != "/v1.0/security/threatIntelligence/hosts/a%2Fb.example" || reqs[0].RawQuery != "$top=1" ||
		reqs[0].Header.Get("Authorization") != "Bearer good-token" {
		t.Fatalf("recorded %+v", reqs)
	}
	emu.ResetRequests()
	if len(emu.Requests()) != 0 {
		t.Error("ResetRequests kept requests")
	}
}
