package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// A pages.bulk.test host has three passive DNS records; one a page, they are three pages,
// and a $batch item carrying $skip or $skiptoken is answered as the GET of the same URL.
func TestBulkPagesHostsPageAndBatchAsGETs(t *testing.T) {
	_, srv := newTestServer(t, Options{PageSize: 1})
	do := func(method, path, body string) []byte {
		t.Helper()
		r := doRequest(t, method, srv.URL+path, "t", body)
		if r.status != http.StatusOK {
			t.Fatalf("%s %s: %d %s", method, path, r.status, r.body)
		}
		return r.body
	}
	const coll = "/security/threatIntelligence/hosts/h7.pages.bulk.test/passiveDns"
	var pages []string
	for _, q := range []string{"?$top=10", "?$skip=1&$top=9", "?$skiptoken=2&$top=8"} {
		pages = append(pages, string(do(http.MethodGet, "/v1.0"+coll+q, "")))
	}
	for i, want := range []string{`"@odata.nextLink":`, `"@odata.nextLink":`, ""} {
		if got := strings.Contains(pages[i], `"@odata.nextLink":`); got != (want != "") || strings.Count(pages[i], `"recordType":"A"`) != 1 {
			t.Errorf("page %d = %s, want one record, a nextLink %v", i+1, pages[i], want != "")
		}
	}
	var batch struct {
		Responses []struct {
			ID   string          `json:"id"`
			Body json.RawMessage `json:"body"`
		} `json:"responses"`
	}
	b := do(http.MethodPost, "/v1.0/$batch", `{"requests":[{"id":"1","method":"GET","url":"`+coll+`?$skip=1&$top=9"},{"id":"2","method":"GET","url":"`+coll+`?$skiptoken=2&$top=8"}]}`)
	if err := json.Unmarshal(b, &batch); err != nil || len(batch.Responses) != 2 {
		t.Fatalf("batch answer %s: %v", b, err)
	}
	for _, r := range batch.Responses {
		want := pages[map[string]int{"1": 1, "2": 2}[r.ID]]
		if got := sameJSON(t, r.Body); got != sameJSON(t, []byte(want)) {
			t.Errorf("batch item %s = %s\nwant the GET's %s", r.ID, got, want)
		}
	}
}

func sameJSON(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}
