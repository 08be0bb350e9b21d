package emulator_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// The CLI reads the bulk actions' answers with tiindicator.ParseBulk; these tests pin that
// it understands the emulator's 200 and 206 shapes item by item.

func post(t *testing.T, srv *httptest.Server, path, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer t")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func indicator(ext, domain string) string {
	return `{"action":"block","description":"d","expirationDateTime":"2030-01-01T00:00:00Z","targetProduct":"Azure Sentinel","threatType":"Phishing","tlpLevel":"amber","domainName":"` + domain + `","externalId":"` + ext + `"}`
}

func statuses(res tiindicator.BulkResult) string {
	var s []string
	for _, o := range res.Items {
		s = append(s, string(o.Status)+":"+o.Code)
	}
	return strings.Join(s, " ")
}

func TestParseBulkReadsThe206OfEveryAction(t *testing.T) {
	srv := httptest.NewServer(emulator.New(emulator.Options{}))
	defer srv.Close()
	const root = "/beta/security/tiIndicators/"

	status, body := post(t, srv, root+"submitTiIndicators", `{"value":[`+indicator("e1", "a.example")+`,{"action":"block","externalId":"e2"},{"domainName":"b.example"}]}`)
	res, err := tiindicator.ParseBulk(status, body, []tiindicator.Sent{{ExternalID: "e1"}, {ExternalID: "e2"}, {}})
	if err != nil || status != 206 || statuses(res) != "ok: failed:BadRequest failed:BadRequest" || len(res.Stray) != 0 {
		t.Fatalf("submit: %d %v %q %s", status, err, statuses(res), body)
	}
	id := res.Items[0].ID
	if id == "" {
		t.Fatalf("submit gave no id: %s", body)
	}

	status, body = post(t, srv, root+"updateTiIndicators", `{"value":[{"id":"missing","confidence":1},{"id":"`+id+`","confidence":5}]}`)
	res, err = tiindicator.ParseBulk(status, body, []tiindicator.Sent{{ID: "missing"}, {ID: id}})
	if err != nil || status != 206 || statuses(res) != "failed:NotFound ok:" {
		t.Fatalf("update: %d %v %q %s", status, err, statuses(res), body)
	}

	status, body = post(t, srv, root+"deleteTiIndicators", `{"value":["missing","`+id+`"]}`)
	res, err = tiindicator.ParseBulk(status, body, []tiindicator.Sent{{ID: "missing"}, {ID: id}})
	if err != nil || status != 206 || statuses(res) != "failed:404/NotFound ok:200" {
		t.Fatalf("delete: %d %v %q %s", status, err, statuses(res), body)
	}

	post(t, srv, root+"submitTiIndicators", `{"value":[`+indicator("e3", "c.example")+`]}`)
	status, body = post(t, srv, root+"deleteTiIndicatorsByExternalId", `{"value":["e3","e9"]}`)
	res, err = tiindicator.ParseBulk(status, body, []tiindicator.Sent{{ExternalID: "e3"}, {ExternalID: "e9"}})
	if err != nil || status != 206 || statuses(res) != "ok:200 failed:404/NotFound" {
		t.Fatalf("delete by externalId: %d %v %q %s", status, err, statuses(res), body)
	}
}
