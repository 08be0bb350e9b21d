package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// validIndicator is a tiIndicator with every required field and one observable.
func validIndicator(domain string) string {
	return fmt.Sprintf(`{"action":"block","description":"mdti test","expirationDateTime":"2024-06-01T00:00:00Z","targetProduct":"Azure Sentinel","threatType":"Phishing","tlpLevel":"amber","domainName":%q,"externalId":"ext-%s"}`, domain, domain)
}

const indicatorsPath = "/beta/security/tiIndicators"

func TestCreateIndicatorChecksRequiredFields(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	full := map[string]any{}
	_ = json.Unmarshal([]byte(validIndicator("a.example")), &full)
	for _, missing := range []string{"action", "description", "expirationDateTime", "targetProduct", "threatType", "tlpLevel"} {
		body := map[string]any{}
		for k, v := range full {
			if k != missing {
				body[k] = v
			}
		}
		raw, _ := json.Marshal(body)
		e := wantError(t, send(t, srv, http.MethodPost, indicatorsPath, string(raw)), 400, "BadRequest")
		if want := "The required property '" + missing + "' is missing or empty."; e["message"] != want {
			t.Errorf("without %s: message %q, want %q", missing, e["message"], want)
		}
	}
	noObservable := strings.Replace(validIndicator("a.example"), `"domainName":"a.example",`, "", 1)
	e := wantError(t, send(t, srv, http.MethodPost, indicatorsPath, noObservable), 400, "BadRequest")
	if e["message"] != "A tiIndicator must contain at least one email, file, or network observable." {
		t.Errorf("no observable: %v", e["message"])
	}
	badEnum := strings.Replace(validIndicator("a.example"), `"tlpLevel":"amber"`, `"tlpLevel":"purple"`, 1)
	wantError(t, send(t, srv, http.MethodPost, indicatorsPath, badEnum), 400, "BadRequest")

	r := send(t, srv, http.MethodPost, indicatorsPath, validIndicator("a.example"))
	if r.status != 201 {
		t.Fatalf("valid POST: %d %s", r.status, r.body)
	}
	m := r.json(t)
	if m["azureTenantId"] == nil || m["ingestedDateTime"] != "2024-05-01T12:00:00.0000000Z" || m["isActive"] != true || m["id"] == "" {
		t.Errorf("server-set properties missing: %s", r.body)
	}
}

func TestIndicatorGetPatchDelete(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	if r := get(t, srv, indicatorsPath+"/ti-1"); r.status != 200 || r.json(t)["domainName"] != "evil.example" {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	r := send(t, srv, http.MethodPatch, indicatorsPath+"/ti-1", `{"description":"after"}`)
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("PATCH: %d %s, want 204 and no body", r.status, r.body)
	}
	req, _ := http.NewRequest(http.MethodPatch, srv.URL+indicatorsPath+"/ti-1", strings.NewReader(`{"confidence":42}`))
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Prefer", "return=representation")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if resp.StatusCode != 200 || got["description"] != "after" || got["confidence"] != 42.0 {
		t.Fatalf("PATCH with Prefer: %d %v", resp.StatusCode, got)
	}
	wantError(t, send(t, srv, http.MethodPatch, indicatorsPath+"/ti-1", `{"action":"nuke"}`), 400, "BadRequest")
	if r := send(t, srv, http.MethodDelete, indicatorsPath+"/ti-1", ""); r.status != 204 {
		t.Fatalf("DELETE: %d %s", r.status, r.body)
	}
	wantError(t, get(t, srv, indicatorsPath+"/ti-1"), 404, "NotFound")
}

func bulk(items ...string) string { return `{"value":[` + strings.Join(items, ",") + `]}` }

func TestSubmitIndicatorsAllValidIs200(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	r := send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(validIndicator("a.example"), validIndicator("b.example")))
	if r.status != 200 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	got := values(t, r.json(t))
	if len(got) != 2 || got[0]["externalId"] != "ext-a.example" || got[1]["domainName"] != "b.example" || got[0]["id"] == got[1]["id"] {
		t.Fatalf("submit answered %s", r.body)
	}
	if r.header.Get("Warning") != "" {
		t.Errorf("Warning on a full success: %q", r.header.Get("Warning"))
	}
	if n := len(values(t, get(t, srv, indicatorsPath).json(t))); n != 3 {
		t.Errorf("%d indicators after submitting 2 to 1, want 3", n)
	}
}

func TestSubmitIndicatorsPartialSuccessIs206(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	invalid := `{"action":"block","domainName":"c.example","externalId":"ext-c"}`
	r := send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(validIndicator("a.example"), invalid, `"not an object"`))
	if r.status != 206 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	want := `{"value":[` +
		`{"error":{"code":"BadRequest","message":"The required property 'description' is missing or empty."},"externalId":"ext-c"},` +
		`{"error":{"code":"BadRequest","message":"The tiIndicator must be a JSON object."}}]}`
	if !strings.HasSuffix(string(r.body), want[len(`{"value":[`):]) {
		t.Errorf("206 body = %s\nwant the failures as %s", r.body, want)
	}
	if w := r.header.Values("Warning"); len(w) != 2 || w[0] != `199 - "Microsoft/Unknown/400/0"` {
		t.Errorf("Warning = %q", w)
	}
	if n := len(values(t, get(t, srv, indicatorsPath).json(t))); n != 2 {
		t.Errorf("%d indicators, want 2 (only the valid one added)", n)
	}
}

func TestSubmitIndicatorsLimitAndBody(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	items := make([]string, 101)
	for i := range items {
		items[i] = validIndicator(fmt.Sprintf("h%d.example", i))
	}
	wantError(t, send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(items...)), 400, "BadRequest")
	if r := send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(items[:100]...)); r.status != 200 {
		t.Errorf("100 items: %d", r.status)
	}
	wantError(t, send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", `[]`), 400, "BadRequest")
	wantError(t, get(t, srv, indicatorsPath+"/submitTiIndicators"), 405, "Request_BadRequest")
}

func TestUpdateIndicators(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	r := send(t, srv, http.MethodPost, indicatorsPath+"/updateTiIndicators", bulk(`{"id":"ti-1","additionalInformation":"mytest"}`))
	if r.status != 200 || values(t, r.json(t))[0]["additionalInformation"] != "mytest" {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	if got := get(t, srv, indicatorsPath+"/ti-1").json(t)["additionalInformation"]; got != "mytest" {
		t.Errorf("after update: %v", got)
	}
	r = send(t, srv, http.MethodPost, indicatorsPath+"/updateTiIndicators", bulk(`{"id":"ti-1","confidence":42}`, `{"id":"nope","confidence":1}`, `{"confidence":2}`))
	if r.status != 206 {
		t.Fatalf("partial update: %d %s", r.status, r.body)
	}
	got := values(t, r.json(t))
	if got[0]["confidence"] != 42.0 || got[1]["id"] != "nope" || got[1]["error"].(map[string]any)["code"] != "NotFound" || got[2]["error"].(map[string]any)["code"] != "BadRequest" {
		t.Errorf("partial update answered %s", r.body)
	}
}

func TestDeleteIndicatorsByIDAndExternalID(t *testing.T) {
	_, srv := newTestServer(t, securityOptions())
	send(t, srv, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(validIndicator("a.example"), validIndicator("b.example")))
	r := send(t, srv, http.MethodPost, indicatorsPath+"/deleteTiIndicators", `{"value":["ti-1","missing"]}`)
	want := `{"value":[{"code":200,"message":"Deleted tiIndicator with id 'ti-1'.","subCode":null},{"code":404,"message":"No tiIndicator with id 'missing' was found.","subCode":"NotFound"}]}`
	if r.status != 206 || string(r.body) != want {
		t.Errorf("deleteTiIndicators: %d %s\nwant 206 %s", r.status, r.body, want)
	}
	r = send(t, srv, http.MethodPost, indicatorsPath+"/deleteTiIndicatorsByExternalId", `{"value":["ext-a.example"]}`)
	if r.status != 200 || !strings.Contains(string(r.body), `"code":200`) {
		t.Errorf("deleteTiIndicatorsByExternalId: %d %s", r.status, r.body)
	}
	left := values(t, get(t, srv, indicatorsPath).json(t))
	if len(left) != 1 || left[0]["externalId"] != "ext-b.example" {
		t.Errorf("left: %v", left)
	}
	wantError(t, send(t, srv, http.MethodPost, indicatorsPath+"/deleteTiIndicators", `{"value":[1]}`), 400, "BadRequest")
}

func TestRetiredIndicatorsAnswer404Everywhere(t *testing.T) {
	emu, srv := newTestServer(t, Options{TiIndicatorsRetired: true})
	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, indicatorsPath, ""},
		{http.MethodGet, indicatorsPath + "/ti-1", ""},
		{http.MethodGet, indicatorsPath + "/$count", ""},
		{http.MethodPost, indicatorsPath, validIndicator("a.example")},
		{http.MethodPatch, indicatorsPath + "/ti-1", `{}`},
		{http.MethodDelete, indicatorsPath + "/ti-1", ""},
		{http.MethodPost, indicatorsPath + "/submitTiIndicators", bulk()},
		{http.MethodPost, indicatorsPath + "/deleteTiIndicatorsByExternalId", bulk()},
	} {
		e := wantError(t, send(t, srv, c.method, c.path, c.body), 404, "NotFound")
		if e["message"] != "Resource not found for the segment 'tiIndicators'." {
			t.Errorf("%s %s: %v", c.method, c.path, e["message"])
		}
	}
	if r := get(t, srv, "/beta/security/securityActions"); r.status != 200 {
		t.Errorf("securityActions while tiIndicators is retired: %d", r.status)
	}
	emu.SetTiIndicatorsRetired(false)
	if r := get(t, srv, indicatorsPath); r.status != 200 {
		t.Errorf("after switching back: %d %s", r.status, r.body)
	}
}

func TestIndicatorWritesStayInTheirEmulator(t *testing.T) {
	_, a := newTestServer(t, Options{})
	_, b := newTestServer(t, Options{})
	before := len(values(t, get(t, b, indicatorsPath).json(t)))
	send(t, a, http.MethodPost, indicatorsPath+"/submitTiIndicators", bulk(validIndicator("a.example")))
	send(t, a, http.MethodPost, "/beta/security/securityActions", `{"name":"blockIp","parameters":[{"name":"IP","value":"1.2.3.4"}]}`)
	if n := len(values(t, get(t, b, indicatorsPath).json(t))); n != before {
		t.Errorf("b sees %d indicators, had %d", n, before)
	}
	if n, m := len(values(t, get(t, a, "/beta/security/securityActions").json(t))), len(values(t, get(t, b, "/beta/security/securityActions").json(t))); n != m+1 {
		t.Errorf("securityActions: a %d, b %d", n, m)
	}
}

func TestBetaOnlySetsAreUnknownInV1(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	for _, p := range []string{"/v1.0/security/tiIndicators", "/v1.0/security/securityActions/1234567890"} {
		wantError(t, get(t, srv, p), 404, "NotFound")
	}
	wantError(t, send(t, srv, http.MethodPost, "/v1.0/security/tiIndicators/submitTiIndicators", bulk()), 404, "NotFound")
}
