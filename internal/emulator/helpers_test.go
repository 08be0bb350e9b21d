package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fixedNow keeps error dates and the rate limiter deterministic.
var fixedNow = func() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) }

func newTestServer(t *testing.T, opts Options) (*Emulator, *httptest.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("decode body %q: %v", r.body, err)
	}
	return m
}

func doRequest(t *testing.T, method, url, token, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("client-request-id", "client-1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// get fetches a path below the server with a valid token.
func get(t *testing.T, srv *httptest.Server, path string) response {
	t.Helper()
	return doRequest(t, http.MethodGet, srv.URL+path, "good-token", "")
}

const ti = "/security/threatIntelligence/"

func values(t *testing.T, m map[string]any) []map[string]any {
	t.Helper()
	raw, ok := m["value"].([]any)
	if !ok {
		t.Fatalf("no value array in %v", m)
	}
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}

// wantError checks the Graph error envelope.
func wantError(t *testing.T, r response, status int, code string) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	m := r.json(t)
	e, ok := m["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error envelope: %s", r.body)
	}
	if e["code"] != code {
		t.Errorf("code = %v, want %s", e["code"], code)
	}
	if e["message"] == "" || e["message"] == nil {
		t.Errorf("empty message")
	}
	inner := e["innerError"].(map[string]any)
	if inner["request-id"] == "" || inner["request-id"] != r.header.Get("request-id") {
		t.Errorf("request-id %v does not match header %q", inner["request-id"], r.header.Get("request-id"))
	}
	if inner["client-request-id"] != "client-1" {
		t.Errorf("client-request-id = %v", inner["client-request-id"])
	}
	if inner["date"] != "2024-05-01T12:00:00" {
		t.Errorf("date = %v", inner["date"])
	}
	return e
}
