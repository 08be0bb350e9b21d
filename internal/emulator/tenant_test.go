package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestTenantModesRefuseThreatIntelligenceOnly(t *testing.T) {
	emu, srv := newTestServer(t, Options{TenantMode: TenantUnlicensed})
	e := wantError(t, get(t, srv, "/v1.0"+ti+"hosts/contoso.com"), 403, "Forbidden")
	if e["message"] != unlicensedTenantMessage || !strings.Contains(unlicensedTenantMessage, "Microsoft Defender XDR and/or Microsoft Sentinel license") {
		t.Errorf("unlicensed: %v", e["message"])
	}
	if r := get(t, srv, "/v1.0/security/alerts_v2"); r.status != 200 {
		t.Errorf("alerts in an unlicensed tenant: %d", r.status)
	}
	if err := emu.SetTenantMode(TenantUnverified); err != nil {
		t.Fatal(err)
	}
	e = wantError(t, get(t, srv, "/beta"+ti+"articles"), 403, "Forbidden")
	msg, _ := e["message"].(string)
	if !strings.Contains(msg, "Tenant verification state: notVerified.") || !strings.Contains(msg, TenantVerificationURL) {
		t.Errorf("unverified: %q", msg)
	}
	if err := emu.SetTenantMode("normal"); err == nil {
		t.Error(`SetTenantMode("normal") accepted; the normal mode is ""`)
	}
	if err := emu.SetTenantMode(TenantNormal); err != nil {
		t.Fatal(err)
	}
	if r := get(t, srv, "/v1.0"+ti+"hosts/contoso.com"); r.status != 200 {
		t.Errorf("normal tenant: %d", r.status)
	}
}

func TestTenantModeAppliesToBatchItems(t *testing.T) {
	_, srv := newTestServer(t, Options{TenantMode: TenantUnverified})
	body := `{"requests":[{"id":"1","method":"GET","url":"/security/threatIntelligence/hosts/contoso.com"},{"id":"2","method":"GET","url":"/security/incidents"}]}`
	r := send(t, srv, http.MethodPost, "/v1.0/$batch", body)
	if r.status != 200 || !strings.Contains(string(r.body), `"id":"1","status":403`) || !strings.Contains(string(r.body), `"id":"2","status":200`) {
		t.Errorf("batch: %d %.400s", r.status, r.body)
	}
}

func TestSecurityActionsCreateListGetCancel(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	const root = "/beta/security/securityActions"
	r := send(t, srv, http.MethodPost, root, `{"name":"BlockIp","actionReason":"Test","parameters":[{"name":"IP","value":"1.2.3.4"}],"vendorInformation":{"provider":"Windows Defender ATP","vendor":"Microsoft"}}`)
	if r.status != 201 {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	m := r.json(t)
	id, _ := m["id"].(string)
	if len(id) != 10 || m["status"] != "notStarted" || m["createdDateTime"] != "2024-05-01T12:00:00.0000000Z" || m["errorInfo"] != nil || m["name"] != "BlockIp" {
		t.Errorf("created: %s", r.body)
	}
	if got := get(t, srv, root+"/"+id).json(t)["actionReason"]; got != "Test" {
		t.Errorf("GET: %v", got)
	}
	found := false
	for _, a := range values(t, get(t, srv, root).json(t)) {
		found = found || a["id"] == id
	}
	if !found {
		t.Errorf("list lacks %s", id)
	}
	r = send(t, srv, http.MethodPost, root+"/"+id+"/cancelSecurityAction", "")
	if r.status != 200 || len(r.body) != 0 {
		t.Errorf("cancel: %d %q", r.status, r.body)
	}
	wantError(t, send(t, srv, http.MethodPost, root+"/nope/cancelSecurityAction", ""), 404, "NotFound")
	wantError(t, get(t, srv, root+"/"+id+"/cancelSecurityAction"), 405, "Request_BadRequest")
	wantError(t, send(t, srv, http.MethodPost, root, `{"actionReason":"no name"}`), 400, "BadRequest")
}
