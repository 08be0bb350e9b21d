package emulator

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// placeholderAlerts and placeholderIncidents stand in for package secops: two incidents,
// three alerts (two in incident 1), as a Loader returns them.
func placeholderAlerts(version string, literal bool, now time.Time) []json.RawMessage {
	return []json.RawMessage{
		json.RawMessage(`{"id":"da-1","title":"Suspicious PowerShell","severity":"high","status":"new","incidentId":"1","createdDateTime":"2024-04-30T10:00:00Z","comments":[]}`),
		json.RawMessage(`{"id":"da-2","title":"Credential theft","severity":"medium","status":"inProgress","incidentId":"1","createdDateTime":"2024-04-29T10:00:00Z","comments":[]}`),
		json.RawMessage(`{"id":"da-3","title":"Phishing link clicked","severity":"low","status":"new","incidentId":"2","createdDateTime":"2024-04-28T10:00:00Z","comments":[]}`),
	}
}

func placeholderIncidents(string, bool, time.Time) []json.RawMessage {
	return []json.RawMessage{
		json.RawMessage(`{"id":"1","displayName":"Multi-stage attack","severity":"high","status":"active","comments":[]}`),
		json.RawMessage(`{"id":"2","displayName":"Phishing","severity":"low","status":"active","comments":[]}`),
	}
}

// securityOptions registers the built-in security rows with the placeholder loaders, the
// way the secops wiring will (one line per set).
func securityOptions() Options {
	var sets []EntitySet
	for _, row := range builtinSets() {
		switch row.Root {
		case "security/alerts_v2":
			row.Load = placeholderAlerts
		case "security/incidents":
			row.Load = placeholderIncidents
		case "security/tiIndicators":
			row.Load = func(string, bool, time.Time) []json.RawMessage {
				return []json.RawMessage{json.RawMessage(`{"id":"ti-1","action":"block","domainName":"evil.example"}`)}
			}
		default:
			continue
		}
		sets = append(sets, row)
	}
	return Options{Sets: sets}
}

func send(t *testing.T, srv *httptest.Server, method, path, body string) response {
	t.Helper()
	return doRequest(t, method, srv.URL+path, "good-token", body)
}

func TestTwoEmulatorsNeverShareWrites(t *testing.T) {
	_, a := newTestServer(t, securityOptions())
	_, b := newTestServer(t, securityOptions())
	r := send(t, a, http.MethodPatch, "/v1.0/security/alerts_v2/da-1", `{"status":"resolved","classification":"truePositive"}`)
	if r.status != 200 {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	got := r.json(t)
	if got["status"] != "resolved" || got["classification"] != "truePositive" || got["title"] != "Suspicious PowerShell" {
		t.Errorf("PATCH answer = %v", got)
	}
	if ctx := got["@odata.context"]; ctx != "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2/$entity" {
		t.Errorf("@odata.context = %v", ctx)
	}
	for version, want := range map[string]string{"v1.0": "resolved", "beta": "resolved"} {
		if s := get(t, a, "/"+version+"/security/alerts_v2/da-1").json(t)["status"]; s != want {
			t.Errorf("emulator A %s status = %v, want %s", version, s, want)
		}
	}
	if s := get(t, b, "/v1.0/security/alerts_v2/da-1").json(t)["status"]; s != "new" {
		t.Errorf("emulator B sees A's write: status = %v", s)
	}
}

func TestPatchRejectsUnknownPropertiesAndIDs(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	wantError(t, send(t, srv, http.MethodPatch, "/v1.0/security/alerts_v2/da-1", `{"colour":"red"}`), 400, "BadRequest")
	wantError(t, send(t, srv, http.MethodPatch, "/v1.0/security/alerts_v2/da-1", `{"id":"other"}`), 400, "BadRequest")
	wantError(t, send(t, srv, http.MethodPatch, "/v1.0/security/alerts_v2/da-1", `not json`), 400, "BadRequest")
	wantError(t, send(t, srv, http.MethodPatch, "/v1.0/security/alerts_v2/no-such", `{"status":"resolved"}`), 404, "NotFound")
}

func TestPostCommentAppendsAndAnswersTheWholeList(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	for _, c := range []string{"first", "Demo for docs"} {
		r := send(t, srv, http.MethodPost, "/v1.0/security/incidents/1/comments", `{"@odata.type":"microsoft.graph.security.alertComment","comment":"`+c+`"}`)
		if r.status != 200 {
			t.Fatalf("POST comment: %d %s", r.status, r.body)
		}
	}
	r := send(t, srv, http.MethodPost, "/v1.0/security/alerts_v2/da-1/comments", `{"comment":"on the alert"}`)
	want := `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2('da-1')/comments","value":[{"comment":"on the alert","createdByDisplayName":"secAdmin@contoso.com","createdDateTime":"2024-05-01T12:00:00.0000000Z"}]}`
	if string(r.body) != want {
		t.Errorf("alert comment answer\n got %s\nwant %s", r.body, want)
	}
	items := values(t, get(t, srv, "/v1.0/security/incidents/1/comments").json(t))
	if len(items) != 2 || items[0]["comment"] != "first" || items[1]["comment"] != "Demo for docs" || items[1]["@odata.type"] != nil {
		t.Errorf("incident comments = %v", items)
	}
	inc := get(t, srv, "/v1.0/security/incidents/1").json(t)
	if n := len(inc["comments"].([]any)); n != 2 {
		t.Errorf("incident has %d comments, want 2", n)
	}
}

func TestGenericSetsSpeakOData(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	page := get(t, srv, "/v1.0/security/alerts_v2?$top=2&$count=true&$orderby=createdDateTime&$select=title,severity").json(t)
	items := values(t, page)
	if page["@odata.count"] != 3.0 || len(items) != 2 || items[0]["title"] != "Phishing link clicked" || items[0]["status"] != nil {
		t.Errorf("page = %v", page)
	}
	if items[0]["@odata.type"] != "#microsoft.graph.security.alert" {
		t.Errorf("@odata.type = %v", items[0]["@odata.type"])
	}
	if page["@odata.context"] != "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2(severity,title)" {
		t.Errorf("@odata.context = %v", page["@odata.context"])
	}
	paged := get(t, srv, "/v1.0/security/alerts_v2?$top=3&$skip=1")
	if n := len(values(t, paged.json(t))); n != 2 {
		t.Errorf("$skip=1 gave %d items", n)
	}
	small, srvSmall := newTestServer(t, Options{PageSize: 2, Sets: securityOptions().Sets})
	_ = small
	first := get(t, srvSmall, "/v1.0/security/alerts_v2").json(t)
	if link, _ := first["@odata.nextLink"].(string); !strings.HasSuffix(link, "/v1.0/security/alerts_v2?$skip=2") {
		t.Errorf("nextLink = %v", first["@odata.nextLink"])
	}
	high := values(t, get(t, srv, "/v1.0/security/alerts_v2?$filter=severity%20eq%20'high'%20and%20status%20eq%20'new'").json(t))
	if len(high) != 1 || high[0]["id"] != "da-1" {
		t.Errorf("$filter = %v", high)
	}
	if r := get(t, srv, "/v1.0/security/alerts_v2/$count"); string(r.body) != "3" {
		t.Errorf("/$count = %q", r.body)
	}
	wantError(t, get(t, srv, "/v1.0/security/alerts_v2?$select=colour"), 400, "BadRequest")
	wantError(t, get(t, srv, "/v1.0/security/alerts_v2/no-such"), 404, "NotFound")
}

func TestExpandAndPathOfANavigation(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	inc := get(t, srv, "/v1.0/security/incidents/1?$expand=alerts").json(t)
	alerts, _ := inc["alerts"].([]any)
	if len(alerts) != 2 || alerts[0].(map[string]any)["id"] != "da-1" {
		t.Errorf("$expand=alerts on one incident = %v", inc["alerts"])
	}
	list := values(t, get(t, srv, "/v1.0/security/incidents?$expand=alerts").json(t))
	if n := len(list[1]["alerts"].([]any)); n != 1 {
		t.Errorf("incident 2 expands to %d alerts", n)
	}
	r := get(t, srv, "/v1.0/security/incidents/1/alerts").json(t)
	if n := len(values(t, r)); n != 2 || r["@odata.context"] != "https://graph.microsoft.com/v1.0/$metadata#security/incidents('1')/alerts" {
		t.Errorf("incidents/1/alerts = %v", r)
	}
	wantError(t, get(t, srv, "/v1.0/security/alerts_v2?$expand=incident"), 400, "BadRequest")
}

func TestMethodsARowDoesNotAllowAnswer405(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	for _, c := range []struct{ method, path string }{
		{http.MethodDelete, "/v1.0/security/alerts_v2/da-1"},
		{http.MethodPost, "/v1.0/security/alerts_v2"},
		{http.MethodPut, "/v1.0/security/incidents/1"},
		{http.MethodPatch, "/v1.0/security/secureScores/x"},
		{http.MethodPost, "/v1.0/security/incidents/1/alerts"},
		{http.MethodPatch, "/v1.0" + ti + "hosts/contoso.com"},
	} {
		wantError(t, send(t, srv, c.method, c.path, `{}`), 405, "Request_BadRequest")
	}
}

func TestCreateAndDeleteWhereTheRowAllows(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	r := send(t, srv, http.MethodPost, "/beta/security/tiIndicators", validIndicator("bad.example"))
	if r.status != 201 {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	id, _ := r.json(t)["id"].(string)
	if id == "" || r.json(t)["@odata.type"] != "#microsoft.graph.tiIndicator" {
		t.Errorf("created = %s", r.body)
	}
	if got := get(t, srv, "/beta/security/tiIndicators/"+id).json(t)["domainName"]; got != "bad.example" {
		t.Errorf("created indicator domainName = %v", got)
	}
	if r := send(t, srv, http.MethodDelete, "/beta/security/tiIndicators/ti-1", ""); r.status != 204 || len(r.body) != 0 {
		t.Errorf("DELETE: %d %s", r.status, r.body)
	}
	wantError(t, get(t, srv, "/beta/security/tiIndicators/ti-1"), 404, "NotFound")
	if n := len(values(t, get(t, srv, "/beta/security/tiIndicators").json(t))); n != 1 {
		t.Errorf("%d indicators left, want 1", n)
	}
}

func TestActionsAreAnsweredByTheirHandler(t *testing.T) {
	var gotVersion, gotBody string
	opts := Options{Actions: map[string]ActionHandler{
		"security/runHuntingQuery": func(version string, _ bool, body []byte, _ time.Time) (int, []byte) {
			gotVersion, gotBody = version, string(body)
			return 200, []byte(`{"schema":[],"results":[]}`)
		},
	}}
	_, srv := newTestServer(t, opts)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"Query":"DeviceEvents | take 1"}`))
	_ = zw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1.0/security/runHuntingQuery", &gz)
	req.Header.Set("Authorization", "Bearer good-token")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || gotVersion != "v1.0" || gotBody != `{"Query":"DeviceEvents | take 1"}` {
		t.Errorf("status %d, handler got %q %q", resp.StatusCode, gotVersion, gotBody)
	}
	wantError(t, get(t, srv, "/v1.0/security/runHuntingQuery"), 405, "Request_BadRequest")
}

func TestGzipBatchBodyIsAccepted(t *testing.T) {
	emu, srv := newTestServer(t, Options{})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"requests":[{"id":"1","method":"GET","url":"/security/threatIntelligence/hosts/contoso.com"}]}`))
	_ = zw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1.0/$batch", &gz)
	req.Header.Set("Authorization", "Bearer good-token")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out batchResponse
	_ = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(out.Responses) != 1 || out.Responses[0].Status != 200 {
		t.Fatalf("gzip $batch: %d %+v", resp.StatusCode, out)
	}
	if rec := emu.Requests()[0]; rec.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(string(rec.Body), `{"requests"`) {
		t.Errorf("recorded %q with body %q", rec.Header.Get("Content-Encoding"), rec.Body)
	}
}

func TestFaultKeysWorkOnEverySet(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	wantError(t, get(t, srv, "/v1.0/security/alerts_v2/throttled.fault.test"), 429, "TooManyRequests")
	wantError(t, get(t, srv, "/v1.0/security/incidents('unavailable.fault.test')/alerts"), 503, "ServiceUnavailable")
	wantError(t, send(t, srv, http.MethodPatch, "/v1.0/security/alerts_v2/error.fault.test", `{"status":"resolved"}`), 500, "InternalServerError")
	wantError(t, get(t, srv, "/v1.0"+ti+"articles/forbidden.fault.test"), 403, "Forbidden")
	wantError(t, get(t, srv, "/beta"+ti+"vulnerabilities/gateway-timeout.fault.test/components"), 504, "GatewayTimeout")
	r := get(t, srv, "/v1.0/security/incidents/loop.fault.test/alerts")
	if link, _ := r.json(t)["@odata.nextLink"].(string); link != srv.URL+"/v1.0/security/incidents/loop.fault.test/alerts" {
		t.Errorf("loop fault on incidents: %s", r.body)
	}
}

func TestReservedTokensOnEverySet(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	for _, path := range []string{"/v1.0/security/alerts_v2", "/v1.0/security/incidents/1", "/beta/security/secureScores", "/v1.0" + ti + "hosts/contoso.com"} {
		e := wantError(t, doRequest(t, http.MethodGet, srv.URL+path, TokenForbidden, ""), 403, "Forbidden")
		if e["message"] != "Insufficient privileges to complete the operation." {
			t.Errorf("%s: forbidden message = %v", path, e["message"])
		}
		wantError(t, doRequest(t, http.MethodGet, srv.URL+path, TokenExpired, ""), 401, "InvalidAuthenticationToken")
		wantError(t, doRequest(t, http.MethodGet, srv.URL+path, TokenClaimsChallenge, ""), 401, "InvalidAuthenticationToken")
		e = wantError(t, doRequest(t, http.MethodGet, srv.URL+path, TokenUnlicensed, ""), 403, "Forbidden")
		if !strings.Contains(e["message"].(string), "ThreatIntelligence.Read.All") {
			t.Errorf("%s: unlicensed message = %v", path, e["message"])
		}
	}
}

func TestSecuritySetsServeSecopsData(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	for _, root := range []string{"alerts_v2", "incidents", "secureScores", "secureScoreControlProfiles"} {
		r := get(t, srv, "/v1.0/security/"+root)
		if r.status != 200 || len(values(t, r.json(t))) == 0 {
			t.Errorf("%s: %d, want a non-empty list", root, r.status)
		}
	}
	for _, root := range []string{"tiIndicators", "securityActions"} {
		if r := get(t, srv, "/beta/security/"+root); r.status != 200 || len(values(t, r.json(t))) == 0 {
			t.Errorf("beta %s: %d, want a non-empty list", root, r.status)
		}
	}
	// The demo incident's alerts come through the incident → alerts navigation.
	r := get(t, srv, "/v1.0/security/incidents/41001?$expand=alerts")
	var inc struct {
		ID     string `json:"id"`
		Alerts []struct {
			IncidentID string `json:"incidentId"`
		} `json:"alerts"`
	}
	if err := json.Unmarshal(r.body, &inc); err != nil || inc.ID != "41001" || len(inc.Alerts) == 0 {
		t.Fatalf("incident 41001 with alerts: %d %.300s", r.status, r.body)
	}
	for _, a := range inc.Alerts {
		if a.IncidentID != "41001" {
			t.Errorf("alert of incident %q expanded into 41001", a.IncidentID)
		}
	}
	hunt := send(t, srv, http.MethodPost, "/v1.0/security/runHuntingQuery", `{"Query":"DeviceInfo | take 2"}`)
	if hunt.status != 200 || !strings.Contains(string(hunt.body), `"schema"`) {
		t.Errorf("runHuntingQuery: %d %.300s", hunt.status, hunt.body)
	}
	wantError(t, get(t, srv, "/v1.0/security/noSuchSet"), 404, "NotFound")
}

func TestWritesInABatch(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	batch := `{"requests":[
		{"id":"1","method":"PATCH","url":"/security/incidents/2","headers":{"Content-Type":"application/json"},"body":{"status":"resolved"}},
		{"id":"2","method":"POST","url":"/security/incidents/2/comments","headers":{"Content-Type":"application/json"},"body":{"comment":"closed"},"dependsOn":["1"]},
		{"id":"3","method":"GET","url":"/security/incidents/2","dependsOn":["2"]}]}`
	r := send(t, srv, http.MethodPost, "/v1.0/$batch", batch)
	var out batchResponse
	if err := json.Unmarshal(r.body, &out); err != nil || len(out.Responses) != 3 {
		t.Fatalf("batch: %d %s", r.status, r.body)
	}
	for i, want := range []int{200, 200, 200} {
		if out.Responses[i].Status != want {
			t.Errorf("item %s: %d %s", out.Responses[i].ID, out.Responses[i].Status, out.Responses[i].Body)
		}
	}
	var inc map[string]any
	_ = json.Unmarshal(out.Responses[2].Body, &inc)
	if inc["status"] != "resolved" || len(inc["comments"].([]any)) != 1 {
		t.Errorf("incident after the batch = %v", inc)
	}
}
