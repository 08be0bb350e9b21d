package entra_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

const (
	tenant   = "contoso.onmicrosoft.com"
	secretID = "app-secret"
	certID   = "app-cert"
	fedID    = "app-fed"
	pubID    = "app-public"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	t     *testing.T
	srv   *entra.Server
	ts    *httptest.Server
	key   *rsa.PrivateKey
	cert  *x509.Certificate
	clock *clock
}

func newEnv(t *testing.T) *env {
	key, cert, certPEM := newCert(t)
	c := &clock{t: time.Now()}
	srv := entra.New(entra.Options{
		Clients: map[string]entra.Client{
			secretID: {Secret: "s3cret"},
			certID:   {CertificatePEM: certPEM},
			fedID:    {FederatedAssertion: "federated-jwt"},
			pubID:    {Public: true},
		},
		Now: c.now,
	})
	ts := httptest.NewTLSServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, srv: srv, ts: ts, key: key, cert: cert, clock: c}
}

func newCert(t *testing.T) (*rsa.PrivateKey, *x509.Certificate, string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "app"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return key, cert, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func (e *env) post(path string, form url.Values) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("client-request-id", "corr-123")
	return e.do(req)
}

func (e *env) do(req *http.Request) (int, map[string]any) {
	e.t.Helper()
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		e.t.Fatalf("body is not JSON: %v", err)
	}
	return resp.StatusCode, body
}

func (e *env) tokenPath(t string) string { return "/" + t + "/oauth2/v2.0/token" }

func wantError(t *testing.T, status int, body map[string]any, wantStatus int, code, aadsts string) {
	t.Helper()
	if status != wantStatus || body["error"] != code || !strings.HasPrefix(body["error_description"].(string), "AADSTS"+aadsts+":") {
		t.Fatalf("got %d %v %v, want %d %s AADSTS%s", status, body["error"], body["error_description"], wantStatus, code, aadsts)
	}
	for _, k := range []string{"error_codes", "timestamp", "trace_id", "correlation_id"} {
		if _, ok := body[k]; !ok {
			t.Errorf("error response lacks %s", k)
		}
	}
	if body["correlation_id"] != "corr-123" {
		t.Errorf("correlation_id = %v, want the client-request-id", body["correlation_id"])
	}
}

func TestOpenIDConfigurationUsesRequestHost(t *testing.T) {
	e := newEnv(t)
	for tn, issuer := range map[string]string{tenant: e.ts.URL + "/" + tenant + "/v2.0", "organizations": e.ts.URL + "/{tenantid}/v2.0"} {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/"+tn+"/v2.0/.well-known/openid-configuration?", nil)
		status, body := e.do(req)
		if status != 200 || body["issuer"] != issuer || body["token_endpoint"] != e.ts.URL+"/"+tn+"/oauth2/v2.0/token" || body["authorization_endpoint"] == nil {
			t.Errorf("%s: %d %v", tn, status, body)
		}
	}
}

func TestClientSecret(t *testing.T) {
	e := newEnv(t)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {secretID}, "client_secret": {"s3cret"}, "scope": {"https://graph.microsoft.com/.default openid offline_access profile"}}
	status, body := e.post(e.tokenPath(tenant), form)
	if status != 200 || body["token_type"] != "Bearer" || body["expires_in"].(float64) != 3600 {
		t.Fatalf("%d %v", status, body)
	}
	tok := body["access_token"].(string)
	if err := e.srv.ValidToken(tok); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(e.srv.Issued(), tok) {
		t.Error("Issued lacks the access token")
	}
	claims := payload(t, tok)
	if claims["aud"] != "https://graph.microsoft.com" || claims["tid"] != tenant || claims["appid"] != secretID {
		t.Errorf("claims = %v", claims)
	}
	if roles, _ := claims["roles"].([]any); len(roles) != 1 || roles[0] != "ThreatIntelligence.Read.All" {
		t.Errorf("roles = %v", claims["roles"])
	}

	form.Set("client_secret", "wrong")
	status, body = e.post(e.tokenPath(tenant), form)
	wantError(t, status, body, 401, "invalid_client", "7000215")

	form.Set("client_secret", "s3cret")
	status, body = e.post(e.tokenPath("organizations"), form)
	wantError(t, status, body, 400, "invalid_request", "50059")

	form.Set("scope", "https://graph.microsoft.com/ThreatIntelligence.Read.All")
	status, body = e.post(e.tokenPath(tenant), form)
	wantError(t, status, body, 400, "invalid_scope", "1002012")

	form.Set("client_id", "nobody")
	status, body = e.post(e.tokenPath(tenant), form)
	wantError(t, status, body, 400, "unauthorized_client", "700016")

	if n := e.srv.TokenRequests(); n != 5 {
		t.Errorf("TokenRequests = %d, want 5", n)
	}
	for _, r := range e.srv.Requests() {
		if strings.Contains(r.Path+r.ClientAuth+r.GrantType, "s3cret") {
			t.Error("Requests records a secret")
		}
	}
}

func payload(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// assertion signs a client assertion like MSAL does (PS256, x5t#S256 in standard base64).
func (e *env) assertion(key *rsa.PrivateKey, mutate func(h, c map[string]any)) string {
	e.t.Helper()
	thumb := sha256.Sum256(e.cert.Raw)
	now := e.clock.now()
	h := map[string]any{"alg": "PS256", "typ": "JWT", "x5t#S256": base64.StdEncoding.EncodeToString(thumb[:])}
	c := map[string]any{"aud": e.ts.URL + e.tokenPath(tenant), "iss": certID, "sub": certID, "jti": "j1", "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
	if mutate != nil {
		mutate(h, c)
	}
	enc := func(v any) string { b, _ := json.Marshal(v); return base64.RawURLEncoding.EncodeToString(b) }
	signed := enc(h) + "." + enc(c)
	digest := sha256.Sum256([]byte(signed))
	var sig []byte
	var err error
	if h["alg"] == "RS256" {
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	} else {
		sig, err = rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestCertificateAssertion(t *testing.T) {
	e := newEnv(t)
	otherKey, _, _ := newCert(t)
	send := func(id, a string) (int, map[string]any) {
		return e.post(e.tokenPath(tenant), url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_info": {"1"},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, "client_assertion": {a},
			"scope": {"https://graph.microsoft.com/.default"}})
	}
	if status, body := send(certID, e.assertion(e.key, nil)); status != 200 {
		t.Fatalf("valid assertion: %d %v", status, body)
	}
	if status, body := send(certID, e.assertion(e.key, func(h, _ map[string]any) { h["alg"] = "RS256" })); status != 200 {
		t.Fatalf("RS256 assertion: %d %v", status, body)
	}
	for name, tc := range map[string]struct {
		a      string
		aadsts string
	}{
		"foreign key":   {e.assertion(otherKey, nil), "700027"},
		"wrong aud":     {e.assertion(e.key, func(_, c map[string]any) { c["aud"] = "https://elsewhere/token" }), "700212"},
		"wrong issuer":  {e.assertion(e.key, func(_, c map[string]any) { c["iss"] = "someone" }), "700021"},
		"expired":       {e.assertion(e.key, func(_, c map[string]any) { c["exp"] = e.clock.now().Add(-time.Hour).Unix() }), "700024"},
		"not yet valid": {e.assertion(e.key, func(_, c map[string]any) { c["nbf"] = e.clock.now().Add(time.Hour).Unix() }), "700024"},
		"no thumbprint": {e.assertion(e.key, func(h, _ map[string]any) { delete(h, "x5t#S256") }), "700027"},
		"alg none":      {e.assertion(e.key, func(h, _ map[string]any) { h["alg"] = "none" }), "5002738"},
		"garbage":       {"not-a-jwt", "50027"},
	} {
		status, body := send(certID, tc.a)
		if status != 401 || !strings.HasPrefix(body["error_description"].(string), "AADSTS"+tc.aadsts+":") {
			t.Errorf("%s: %d %v", name, status, body["error_description"])
		}
	}
	if status, _ := send(fedID, "federated-jwt"); status != 200 {
		t.Error("federated assertion refused")
	}
	status, body := send(fedID, "other-jwt")
	wantError(t, status, body, 401, "invalid_client", "700213")
}

func TestDeviceCodeAndRefresh(t *testing.T) {
	e := newEnv(t)
	scope := "https://graph.microsoft.com/.default openid offline_access profile"
	status, dc := e.post("/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {pubID}, "scope": {scope}})
	if status != 200 || !strings.Contains(dc["message"].(string), dc["user_code"].(string)) || dc["verification_uri"] != e.ts.URL+"/devicelogin" {
		t.Fatalf("devicecode: %d %v", status, dc)
	}
	poll := url.Values{"grant_type": {"device_code"}, "client_id": {pubID}, "device_code": {dc["device_code"].(string)}, "client_info": {"1"}, "scope": {scope}}
	for i := 0; i < 2; i++ {
		status, body := e.post(e.tokenPath("organizations"), poll)
		wantError(t, status, body, 400, "authorization_pending", "70016")
	}
	status, tok := e.post(e.tokenPath("organizations"), poll)
	if status != 200 || tok["scope"] != scope || tok["refresh_token"] == nil {
		t.Fatalf("device success: %d %v", status, tok)
	}
	ci, err := base64.RawURLEncoding.DecodeString(tok["client_info"].(string))
	if err != nil || !strings.Contains(string(ci), `"uid"`) || !strings.Contains(string(ci), `"utid"`) {
		t.Errorf("client_info = %q, %v", ci, err)
	}
	if id := payload(t, tok["id_token"].(string)); id["preferred_username"] != "analyst@contoso.example" || id["oid"] == nil || id["tid"] == nil {
		t.Errorf("id_token = %v", id)
	}
	if scp := payload(t, tok["access_token"].(string))["scp"]; scp != "ThreatIntelligence.Read.All" {
		t.Errorf("scp = %v", scp)
	}
	status, body := e.post(e.tokenPath("organizations"), poll)
	wantError(t, status, body, 400, "invalid_grant", "70000")

	refresh := url.Values{"grant_type": {"refresh_token"}, "client_id": {pubID}, "refresh_token": {tok["refresh_token"].(string)}, "client_info": {"1"}, "scope": {scope}}
	if status, body := e.post(e.tokenPath("organizations"), refresh); status != 200 || body["access_token"] == nil {
		t.Fatalf("refresh: %d %v", status, body)
	}
	refresh.Set("refresh_token", "rt.forged")
	status, body = e.post(e.tokenPath("organizations"), refresh)
	wantError(t, status, body, 400, "invalid_grant", "9002313")

	status, body = e.post("/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {secretID}, "scope": {scope}})
	wantError(t, status, body, 401, "invalid_client", "7000218")
	for _, s := range []string{dc["device_code"].(string), tok["refresh_token"].(string), tok["access_token"].(string)} {
		if !slices.Contains(e.srv.Issued(), s) {
			t.Errorf("Issued lacks %.10s", s)
		}
	}
}

func TestDeviceCodeExpires(t *testing.T) {
	e := newEnv(t)
	_, dc := e.post("/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {pubID}, "scope": {"x/.default"}})
	e.clock.add(16 * time.Minute)
	status, body := e.post(e.tokenPath("organizations"), url.Values{"grant_type": {"device_code"}, "client_id": {pubID}, "device_code": {dc["device_code"].(string)}})
	wantError(t, status, body, 400, "expired_token", "70020")
}

func TestValidToken(t *testing.T) {
	e := newEnv(t)
	if err := e.srv.ValidToken("forged"); !errors.Is(err, entra.ErrUnknownToken) {
		t.Fatalf("forged token: %v", err)
	}
	_, body := e.post(e.tokenPath(tenant), url.Values{"grant_type": {"client_credentials"}, "client_id": {secretID}, "client_secret": {"s3cret"}, "scope": {"https://graph.microsoft.com/.default"}})
	tok := body["access_token"].(string)
	if err := e.srv.ValidToken(tok); err != nil {
		t.Fatal(err)
	}
	e.clock.add(time.Hour)
	if err := e.srv.ValidToken(tok); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired token: %v", err)
	}
}

func TestUnknownEndpointAndGrant(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/nothing/here", nil)
	req.Header.Set("client-request-id", "corr-123")
	status, body := e.do(req)
	wantError(t, status, body, 404, "invalid_request", "900561")
	status, body = e.post(e.tokenPath(tenant), url.Values{"grant_type": {"password"}, "client_id": {pubID}})
	wantError(t, status, body, 400, "unsupported_grant_type", "70003")
}

func TestInstanceDiscoveryNamesTheTenantsConfiguration(t *testing.T) {
	e := newEnv(t)
	host := strings.TrimPrefix(e.ts.URL, "https://")
	q := url.Values{"api-version": {"1.1"}, "authorization_endpoint": {e.ts.URL + "/contoso.onmicrosoft.com/oauth2/v2.0/authorize"}}
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/common/discovery/instance?"+q.Encode(), nil)
	status, body := e.do(req)
	if status != 200 || body["tenant_discovery_endpoint"] != e.ts.URL+"/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" || body["api-version"] != "1.1" {
		t.Fatalf("discovery: %d %v", status, body)
	}
	md := body["metadata"].([]any)[0].(map[string]any)
	if md["preferred_network"] != host || md["preferred_cache"] != host || md["aliases"].([]any)[0] != host {
		t.Errorf("metadata = %v", md)
	}
	alias := strings.Replace(e.ts.URL, "127.0.0.1", "localhost", 1)
	q.Set("authorization_endpoint", alias+"/organizations/oauth2/v2.0/authorize")
	req, _ = http.NewRequest(http.MethodGet, e.ts.URL+"/common/discovery/instance?"+q.Encode(), nil)
	if status, body := e.do(req); status != 200 || body["tenant_discovery_endpoint"] != alias+"/organizations/v2.0/.well-known/openid-configuration" {
		t.Errorf("loopback alias: %d %v", status, body)
	}
	q.Set("authorization_endpoint", "https://login.example.net/contoso/oauth2/v2.0/authorize")
	req, _ = http.NewRequest(http.MethodGet, e.ts.URL+"/common/discovery/instance?"+q.Encode(), nil)
	if status, body := e.do(req); status != 400 || body["error"] != "invalid_instance" {
		t.Errorf("foreign instance: %d %v", status, body)
	}
}

func TestRegisteredScopesAreTheUsersScp(t *testing.T) {
	e := newEnv(t)
	e.srv.RegisterClient(pubID, entra.Client{Public: true, Scopes: []string{"SecurityIncident.Read.All", "ThreatHunting.Read.All"}})
	scope := "https://graph.microsoft.com/.default"
	_, dc := e.post("/organizations/oauth2/v2.0/devicecode", url.Values{"client_id": {pubID}, "scope": {scope}})
	poll := url.Values{"grant_type": {"device_code"}, "client_id": {pubID}, "device_code": {dc["device_code"].(string)}, "scope": {scope}}
	e.post(e.tokenPath("organizations"), poll)
	e.post(e.tokenPath("organizations"), poll)
	status, tok := e.post(e.tokenPath("organizations"), poll)
	if status != 200 {
		t.Fatalf("device code: %d %v", status, tok)
	}
	p := payload(t, tok["access_token"].(string))
	if p["scp"] != "SecurityIncident.Read.All ThreatHunting.Read.All" || p["idtyp"] != "user" || p["roles"] != nil {
		t.Errorf("user token claims = %v", p)
	}
}

func TestRegisteredRolesAreTheAppsRoles(t *testing.T) {
	e := newEnv(t)
	e.srv.RegisterClient(secretID, entra.Client{Secret: "s3cret", Roles: []string{}})
	status, tok := e.post(e.tokenPath("contoso.onmicrosoft.com"), url.Values{"grant_type": {"client_credentials"}, "client_id": {secretID}, "client_secret": {"s3cret"}, "scope": {"https://graph.microsoft.com/.default"}})
	if status != 200 {
		t.Fatalf("token: %d %v", status, tok)
	}
	if roles, ok := payload(t, tok["access_token"].(string))["roles"].([]any); !ok || len(roles) != 0 {
		t.Errorf("roles = %v, want an empty list", roles)
	}
}

// A slow authority keeps a client waiting until the client gives up, and answers at once
// again when the latency is removed.
func TestLatencyHoldsAnswersUntilTheClientGivesUp(t *testing.T) {
	e := newEnv(t)
	e.srv.SetLatency(time.Hour)
	hc := e.ts.Client()
	hc.Timeout = 50 * time.Millisecond
	url := e.ts.URL + "/" + tenant + "/v2.0/.well-known/openid-configuration"
	if resp, err := hc.Get(url); err == nil {
		resp.Body.Close()
		t.Fatalf("a slow authority answered %d", resp.StatusCode)
	}
	e.srv.SetLatency(0)
	hc.Timeout = time.Minute
	resp, err := hc.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("got %d", resp.StatusCode)
	}
}
