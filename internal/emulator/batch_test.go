package emulator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func batchBody(n int, url string) string {
	var items []string
	for i := 1; i <= n; i++ {
		items = append(items, fmt.Sprintf(`{"id":"%d","method":"GET","url":"%s"}`, i, url))
	}
	return `{"requests":[` + strings.Join(items, ",") + `]}`
}

type batchResult struct {
	Responses []struct {
		ID      string            `json:"id"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"responses"`
}

func postBatch(t *testing.T, url, body string) (int, batchResult) {
	t.Helper()
	r := doRequest(t, "POST", url, "tok", body)
	var out batchResult
	if r.status == 200 {
		if err := json.Unmarshal(r.body, &out); err != nil {
			t.Fatalf("decode batch: %v %s", err, r.body)
		}
	}
	return r.status, out
}

func TestBatch(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	body := `{"requests":[
		{"id":"1","method":"GET","url":"/security/threatIntelligence/hosts/contoso.com/reputation"},
		{"id":"2","method":"GET","url":"security/threatIntelligence/hosts/no-such.example"},
		{"id":"3","method":"GET","url":"/security/threatIntelligence/hosts/contoso.com","dependsOn":["2"]},
		{"id":"4","method":"GET","url":"/security/threatIntelligence/hosts/fake-malicious.site/reputation","dependsOn":["1"]},
		{"id":"5","method":"GET","url":"/security/threatIntelligence/hosts/throttled.fault.test"}]}`
	status, res := postBatch(t, srv.URL+"/v1.0/$batch", body)
	if status != 200 || len(res.Responses) != 5 {
		t.Fatalf("status %d, %d responses", status, len(res.Responses))
	}
	want := []int{200, 404, 424, 200, 429}
	for i, r := range res.Responses {
		if r.ID != fmt.Sprint(i+1) || r.Status != want[i] {
			t.Errorf("item %d: id %s status %d, want %d", i, r.ID, r.Status, want[i])
		}
	}
	var rep map[string]any
	if err := json.Unmarshal(res.Responses[3].Body, &rep); err != nil || rep["classification"] != "malicious" {
		t.Errorf("item 4 body %s", res.Responses[3].Body)
	}
	if res.Responses[4].Headers["Retry-After"] != "0" {
		t.Errorf("item 5 headers %v", res.Responses[4].Headers)
	}
}

func TestBatchLimits(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	url := "/security/threatIntelligence/hosts/contoso.com"
	if status, res := postBatch(t, srv.URL+"/v1.0/$batch", batchBody(20, url)); status != 200 || len(res.Responses) != 20 {
		t.Fatalf("20 requests: %d, %d responses", status, len(res.Responses))
	}
	for _, body := range []string{
		batchBody(21, url),
		`{"requests":[{"id":"1","method":"GET","url":"` + url + `"},{"id":"1","method":"GET","url":"` + url + `"}]}`,
		`{"requests":[{"id":"1","method":"GET","url":"https://graph.microsoft.com/v1.0` + url + `"}]}`,
		`{"requests":[{"id":"1","method":"GET","url":"` + url + `","dependsOn":["9"]}]}`,
		`not json`,
	} {
		wantError(t, doRequest(t, "POST", srv.URL+"/v1.0/$batch", "tok", body), 400, "BadRequest")
	}
}

func TestBatchItemsAreRateLimitedOnTheirOwn(t *testing.T) {
	_, srv := newTestServer(t, Options{RateLimit: 2})
	_, res := postBatch(t, srv.URL+"/beta/$batch", batchBody(4, "/security/threatIntelligence/hosts/contoso.com"))
	got := []int{}
	for _, r := range res.Responses {
		got = append(got, r.Status)
	}
	if fmt.Sprint(got) != "[200 200 429 429]" {
		t.Fatalf("statuses %v", got)
	}
	if res.Responses[2].Headers["Retry-After"] != "1" {
		t.Errorf("Retry-After %v", res.Responses[2].Headers)
	}
}

func TestBatchShuffle(t *testing.T) {
	_, srv := newTestServer(t, Options{ShuffleBatchResponses: true, Seed: 3})
	_, res := postBatch(t, srv.URL+"/v1.0/$batch", batchBody(20, "/security/threatIntelligence/hosts/contoso.com"))
	inOrder := true
	seen := map[string]bool{}
	for i, r := range res.Responses {
		seen[r.ID] = true
		inOrder = inOrder && r.ID == fmt.Sprint(i+1)
	}
	if inOrder || len(seen) != 20 {
		t.Errorf("shuffle kept order %v or lost ids (%d)", inOrder, len(seen))
	}
}
