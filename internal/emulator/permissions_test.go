package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// stackServer serves a Graph + Entra ID stack that checks permissions.
func stackServer(t *testing.T, opts Options) (*Stack, *httptest.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	st := NewStack(StackOptions{Graph: opts, Entra: entra.Options{Now: fixedNow}})
	srv := httptest.NewServer(st)
	t.Cleanup(srv.Close)
	return st, srv
}

// appToken signs in with client credentials, as an app registered with exactly roles.
func appToken(t *testing.T, st *Stack, srv *httptest.Server, clientID string, roles ...string) string {
	t.Helper()
	st.Entra.RegisterClient(clientID, entra.Client{Secret: "s3cret", Roles: append([]string{}, roles...)})
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {"s3cret"}, "scope": {"https://graph.microsoft.com/.default"}}
	return postToken(t, srv, form)
}

func postToken(t *testing.T, srv *httptest.Server, form url.Values) string {
	t.Helper()
	resp, err := http.PostForm(srv.URL+"/contoso.onmicrosoft.com/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}

func TestEnforcedPermissionsFollowTheTokensRoles(t *testing.T) {
	st, srv := stackServer(t, Options{EnforcePermissions: true})
	none := appToken(t, st, srv, "app-none")
	reader := appToken(t, st, srv, "app-reader", "SecurityAlert.Read.All", "ThreatIntelligence.Read.All")
	writer := appToken(t, st, srv, "app-writer", "SecurityAlert.ReadWrite.All")

	r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2", none, "")
	e := wantError(t, r, 403, "Forbidden")
	if want := "Missing application roles. API required roles: SecurityAlert.Read.All,SecurityAlert.ReadWrite.All, application roles: ."; e["message"] != want {
		t.Errorf("message = %q\nwant      %q", e["message"], want)
	}
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2", reader, ""); r.status != 200 {
		t.Errorf("reader GET alerts: %d %s", r.status, r.body)
	}
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2", writer, ""); r.status != 200 {
		t.Errorf("writer GET alerts: %d %s", r.status, r.body)
	}
	alert := values(t, doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2?$top=1", reader, "").json(t))[0]["id"].(string)
	e = wantError(t, doRequest(t, http.MethodPatch, srv.URL+"/v1.0/security/alerts_v2/"+alert, reader, `{"status":"resolved"}`), 403, "Forbidden")
	if want := "Missing application roles. API required roles: SecurityAlert.ReadWrite.All, application roles: SecurityAlert.Read.All,ThreatIntelligence.Read.All."; e["message"] != want {
		t.Errorf("PATCH message = %q", e["message"])
	}
	if r := doRequest(t, http.MethodPatch, srv.URL+"/v1.0/security/alerts_v2/"+alert, writer, `{"status":"resolved"}`); r.status != 200 {
		t.Errorf("writer PATCH: %d %s", r.status, r.body)
	}
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0"+ti+"hosts/contoso.com", reader, ""); r.status != 200 {
		t.Errorf("reader TI: %d", r.status)
	}
	wantError(t, doRequest(t, http.MethodGet, srv.URL+"/v1.0"+ti+"hosts/contoso.com", writer, ""), 403, "Forbidden")
}

func TestEveryFamilyNeedsItsPermission(t *testing.T) {
	st, srv := stackServer(t, Options{EnforcePermissions: true})
	for _, c := range []struct{ method, path, body, role string }{
		{http.MethodGet, "/v1.0" + ti + "articles", "", "ThreatIntelligence.Read.All"},
		{http.MethodGet, "/v1.0/security/alerts_v2", "", "SecurityAlert.Read.All"},
		{http.MethodGet, "/v1.0/security/incidents", "", "SecurityIncident.Read.All"},
		{http.MethodPost, "/v1.0/security/runHuntingQuery", `{"Query":"DeviceInfo | take 1"}`, "ThreatHunting.Read.All"},
		{http.MethodGet, "/v1.0/security/secureScores", "", "SecurityEvents.Read.All"},
		{http.MethodGet, "/v1.0/security/secureScoreControlProfiles", "", "SecurityEvents.Read.All"},
		{http.MethodGet, "/beta/security/tiIndicators", "", "ThreatIndicators.ReadWrite.OwnedBy"},
		{http.MethodPost, "/beta/security/tiIndicators/deleteTiIndicators", `{"value":[]}`, "ThreatIndicators.ReadWrite.OwnedBy"},
		{http.MethodGet, "/beta/security/securityActions", "", "SecurityActions.Read.All"},
	} {
		with := appToken(t, st, srv, "with-"+c.role, c.role)
		without := appToken(t, st, srv, "without", "User.Read.All")
		if r := doRequest(t, c.method, srv.URL+c.path, with, c.body); r.status != 200 {
			t.Errorf("%s %s with %s: %d %s", c.method, c.path, c.role, r.status, r.body)
		}
		wantError(t, doRequest(t, c.method, srv.URL+c.path, without, c.body), 403, "Forbidden")
	}
	demo := postToken(t, srv, url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}, "scope": {"https://graph.microsoft.com/.default"}})
	if r := doRequest(t, http.MethodPost, srv.URL+"/beta/security/securityActions", demo, `{"name":"blockIp"}`); r.status != 201 {
		t.Errorf("demo app POST securityActions: %d %s", r.status, r.body)
	}
}

func TestOpaqueTokensAndDisabledEnforcementPass(t *testing.T) {
	st, srv := stackServer(t, Options{})
	none := appToken(t, st, srv, "app-none")
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2", none, ""); r.status != 200 {
		t.Errorf("enforcement off: %d", r.status)
	}
	_, srv2 := newTestServer(t, Options{EnforcePermissions: true})
	if r := get(t, srv2, "/v1.0/security/alerts_v2"); r.status != 200 {
		t.Errorf("opaque token with enforcement: %d", r.status)
	}
}

// userToken builds the payload of a delegated token as the Entra emulator issues it.
func userToken(scp string) string {
	return "eyJhbGciOiJSUzI1NiJ9." + b64(`{"scp":"`+scp+`","idtyp":"user"}`) + ".c2ln"
}

func TestDelegatedTokensGetTheirScopesChecked(t *testing.T) {
	_, srv := newTestServer(t, Options{EnforcePermissions: true})
	e := wantError(t, doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/incidents", userToken("User.Read openid"), ""), 403, "Forbidden")
	if want := "Missing scope permissions on the request. API requires one of 'SecurityIncident.Read.All, SecurityIncident.ReadWrite.All'. Scopes on the request 'User.Read, openid'"; e["message"] != want {
		t.Errorf("message = %q", e["message"])
	}
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/incidents", userToken("SecurityIncident.Read.All"), ""); r.status != 200 {
		t.Errorf("with scope: %d", r.status)
	}
}

func TestSecurityActionsRefuseUserTokens(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	for _, tok := range []string{TokenDelegated, userToken("SecurityActions.ReadWrite.All")} {
		for _, c := range []struct{ method, path, body string }{
			{http.MethodGet, "/beta/security/securityActions", ""},
			{http.MethodGet, "/beta/security/securityActions/1234567890", ""},
			{http.MethodPost, "/beta/security/securityActions", `{"name":"blockIp"}`},
			{http.MethodPost, "/beta/security/securityActions/1234567890/cancelSecurityAction", ""},
		} {
			e := wantError(t, doRequest(t, c.method, srv.URL+c.path, tok, c.body), 403, "Forbidden")
			if !strings.Contains(e["message"].(string), "application permissions only") {
				t.Errorf("%s %s: %v", c.method, c.path, e["message"])
			}
		}
	}
	if r := doRequest(t, http.MethodGet, srv.URL+"/v1.0/security/alerts_v2", TokenDelegated, ""); r.status != 200 {
		t.Errorf("delegated token on alerts: %d", r.status)
	}
}

func TestEntraIssuesTheRegisteredRolesAndScopes(t *testing.T) {
	st, srv := stackServer(t, Options{})
	tok := appToken(t, st, srv, "app-two", "SecurityAlert.Read.All", "ThreatHunting.Read.All")
	c := callerOf(&http.Request{Header: http.Header{"Authorization": {"Bearer " + tok}}})
	if !c.jwt || c.delegated || strings.Join(c.roles, " ") != "SecurityAlert.Read.All ThreatHunting.Read.All" {
		t.Errorf("caller = %+v", c)
	}
	tok = appToken(t, st, srv, "app-empty")
	if c := callerOf(&http.Request{Header: http.Header{"Authorization": {"Bearer " + tok}}}); !c.jwt || len(c.roles) != 0 {
		t.Errorf("empty roles: %+v", c)
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
