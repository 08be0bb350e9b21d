package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestBigPassiveDNSPages(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	base := "/v1.0" + ti + "hosts/big.pdns.test/passiveDns"
	m := get(t, srv, base+"?$count=true").json(t)
	items := values(t, m)
	if m["@odata.count"] != 1e6 || len(items) != 1000 {
		t.Fatalf("count %v, %d items", m["@odata.count"], len(items))
	}
	if items[0]["artifact"].(map[string]any)["id"] != "10.0.0.0" || items[999]["artifact"].(map[string]any)["id"] != "10.0.3.231" {
		t.Errorf("first page artifacts %v .. %v", items[0]["artifact"], items[999]["artifact"])
	}
	next, _ := url.Parse(m["@odata.nextLink"].(string))
	if next.Query().Get("$skip") != "1000" || next.Query().Get("$count") != "true" {
		t.Errorf("nextLink %s", next)
	}
	last := get(t, srv, base+"?$skip=999000").json(t)
	items = values(t, last)
	if len(items) != 1000 || last["@odata.nextLink"] != nil {
		t.Fatalf("last page: %d items, nextLink %v", len(items), last["@odata.nextLink"])
	}
	if items[999]["artifact"].(map[string]any)["id"] != "10.15.66.63" {
		t.Errorf("last record %v", items[999])
	}
	top := get(t, srv, base+"?$top=1500&$skip=10").json(t)
	next, _ = url.Parse(top["@odata.nextLink"].(string))
	if len(values(t, top)) != 1000 || next.Query().Get("$skip") != "1010" || next.Query().Get("$top") != "500" {
		t.Errorf("$top window: nextLink %s", next)
	}
	if r := get(t, srv, base+"/$count"); string(r.body) != "1000000" {
		t.Errorf("/$count = %s", r.body)
	}
	wantError(t, get(t, srv, base+"?$filter="+url.QueryEscape("recordType eq 'A'")), 400, "BadRequest")
	sel := values(t, get(t, srv, base+"?$top=1&$select=id").json(t))[0]
	if len(sel) != 2 || sel["id"] != "YmlnLnBkbnMudGVzdCQkMTAuMC4wLjA=" {
		t.Errorf("$select=id gave %v", sel)
	}
}

func BenchmarkBigPassiveDNSPage(b *testing.B) {
	emu := New(Options{})
	req := httptest.NewRequest(http.MethodGet, "/v1.0"+ti+"hosts/big.pdns.test/passiveDns?$skip=500000", nil)
	req.Header.Set("Authorization", "Bearer x")
	b.ReportAllocs()
	for b.Loop() {
		emu.ResetRequests()
		w := httptest.NewRecorder()
		emu.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
