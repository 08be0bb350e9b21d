package entra_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

func getJSON(t *testing.T, ts *httptest.Server, path string, header http.Header) (int, map[string]string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var body map[string]string
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatalf("%s: body %s: %v", path, b, err)
	}
	return resp.StatusCode, body
}

func TestManagedIdentityEndpoints(t *testing.T) {
	srv := entra.New(entra.Options{Clients: map[string]entra.Client{"user-assigned-id": {Secret: "unused"}}})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	imds := entra.IMDSPath + "?api-version=2018-02-01&resource=https%3A%2F%2Fgraph.microsoft.com"
	metadata := http.Header{"Metadata": {"true"}}

	for _, tc := range []struct {
		name, path string
		header     http.Header
		status     int
		clientID   string
	}{
		{"imds system-assigned", imds, metadata, 200, entra.SystemAssignedClientID},
		{"imds user-assigned", imds + "&client_id=user-assigned-id", metadata, 200, "user-assigned-id"},
		{"imds without Metadata header", imds, nil, 400, ""},
		{"imds unknown identity", imds + "&client_id=nobody", metadata, 400, ""},
		{"imds object_id", imds + "&object_id=x", metadata, 400, ""},
		{"imds wrong api-version", entra.IMDSPath + "?api-version=2019-08-01&resource=https%3A%2F%2Fgraph.microsoft.com", metadata, 400, ""},
		{"imds without resource", entra.IMDSPath + "?api-version=2018-02-01", metadata, 400, ""},
		{"app service", entra.AppServicePath + "?api-version=2019-08-01&resource=https%3A%2F%2Fgraph.microsoft.com",
			http.Header{"X-Identity-Header": {entra.AppServiceIdentityHeader}}, 200, entra.SystemAssignedClientID},
		{"app service wrong header", entra.AppServicePath + "?api-version=2019-08-01&resource=https%3A%2F%2Fgraph.microsoft.com",
			http.Header{"X-Identity-Header": {"guess"}}, 401, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := getJSON(t, ts, tc.path, tc.header)
			if status != tc.status {
				t.Fatalf("status = %d, want %d (%v)", status, tc.status, body)
			}
			if status != 200 {
				if body["error"] == "" || body["access_token"] != "" {
					t.Errorf("error body = %v", body)
				}
				return
			}
			if body["client_id"] != tc.clientID || body["resource"] != "https://graph.microsoft.com" || body["token_type"] != "Bearer" || body["expires_in"] != "3600" {
				t.Errorf("body = %v", body)
			}
			if err := srv.ValidToken(body["access_token"]); err != nil {
				t.Errorf("issued token not valid: %v", err)
			}
		})
	}
}
