package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAPIErrorDecoding(t *testing.T) {
	const date = "Mon, 01 Jan 2024 00:00:00 GMT"
	tests := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		want    string
		reqID   string
		cliReq  string
		errDate string
	}{
		{
			name:   "envelope innerError",
			status: 404,
			body:   `{"error":{"code":"NotFound","message":"Host not found","innerError":{"date":"2024-05-01T10:00:00","request-id":"r-1","client-request-id":"c-1"}}}`,
			want:   "GET /v1.0/x: 404 NotFound: Host not found (request-id: r-1, date: 2024-05-01T10:00:00Z)",
			reqID:  "r-1", cliReq: "c-1", errDate: "2024-05-01T10:00:00",
		},
		{
			name:   "envelope innererror lowercase",
			status: 400,
			body:   `{"error":{"code":"BadRequest","message":"Invalid filter","innererror":{"date":"d2","request-id":"r-2","client-request-id":"c-2"}}}`,
			want:   "GET /v1.0/x: 400 BadRequest: Invalid filter (request-id: r-2, date: d2)",
			reqID:  "r-2", cliReq: "c-2", errDate: "d2",
		},
		{
			name:   "headers fill what the envelope lacks",
			status: 403,
			header: map[string]string{"request-id": "hdr-r", "client-request-id": "hdr-c"},
			body:   `{"error":{"code":"Forbidden","message":"Missing role"}}`,
			want:   "GET /v1.0/x: 403 Forbidden: Missing role (request-id: hdr-r, date: " + shownDate + ")",
			reqID:  "hdr-r", cliReq: "hdr-c", errDate: date,
		},
		{
			name:    "html error page",
			status:  502,
			header:  map[string]string{"Content-Type": "text/html"},
			body:    "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad\tGateway</h1>\x1b[31m</body></html>",
			want:    "GET /v1.0/x: 502 Bad Gateway: 502 Bad Gateway Bad Gateway (date: " + shownDate + ")",
			errDate: date,
		},
		{
			name:    "empty body",
			status:  401,
			want:    "GET /v1.0/x: 401 Unauthorized (date: " + shownDate + ")",
			errDate: date,
		},
		{
			name:    "long text body is cut on a rune boundary",
			status:  500,
			body:    "x" + strings.Repeat("é", 500), // 200 bytes end inside an é
			want:    "GET /v1.0/x: 500 Internal Server Error: x" + strings.Repeat("é", 99) + "… (date: " + shownDate + ")",
			errDate: date,
		},
		{
			name:    "control characters in message",
			status:  400,
			body:    `{"error":{"code":"Bad\nCode","message":"line1\nline2\u001b"}}`,
			want:    "GET /v1.0/x: 400 Bad Code: line1 line2 (date: " + shownDate + ")",
			errDate: date,
		},
		{
			name:    "error is not an object",
			status:  400,
			body:    `{"error":"invalid_request"}`,
			want:    `GET /v1.0/x: 400 Bad Request: {"error":"invalid_request"} (date: ` + shownDate + ")",
			errDate: date,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Date", date)
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}, WithMaxAttempts(1))
			_, err := c.Get(context.Background(), "/x", nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("Error() =\n%q\nwant\n%q", err.Error(), tt.want)
			}
			if apiErr.StatusCode != tt.status || apiErr.RequestID != tt.reqID || apiErr.Date != tt.errDate {
				t.Errorf("fields = %+v", apiErr)
			}
			wantCli := tt.cliReq
			if wantCli == "" { // not echoed: the id the client sent
				wantCli = rec.req(0).Header.Get("client-request-id")
			}
			if apiErr.ClientRequestID != wantCli {
				t.Errorf("ClientRequestID = %q, want %q", apiErr.ClientRequestID, wantCli)
			}
			if apiErr.Method != "GET" || apiErr.URL != c.BaseURL()+"/x" {
				t.Errorf("Method/URL = %q %q", apiErr.Method, apiErr.URL)
			}
			if rec.count() != 1 {
				t.Errorf("requests = %d", rec.count())
			}
		})
	}
}

func TestStatusHelpers(t *testing.T) {
	tests := []struct {
		status                             int
		notFound, forbidden, unauth, thrtl bool
	}{
		{404, true, false, false, false},
		{403, false, true, false, false},
		{401, false, false, true, false},
		{429, false, false, false, true},
		{500, false, false, false, false},
	}
	for _, tt := range tests {
		err := fmt.Errorf("get host %q: %w", "x", &APIError{StatusCode: tt.status})
		got := [4]bool{IsNotFound(err), IsForbidden(err), IsUnauthorized(err), IsThrottled(err)}
		want := [4]bool{tt.notFound, tt.forbidden, tt.unauth, tt.thrtl}
		if got != want {
			t.Errorf("%d: got %v want %v", tt.status, got, want)
		}
	}
	if IsNotFound(errors.New("404")) || IsNotFound(nil) {
		t.Error("plain errors are not API errors")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"3600", 60 * time.Second, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"Mon, 01 Jan 2024 00:00:10 GMT", 10 * time.Second, true},
		{"Sun, 31 Dec 2023 23:59:00 GMT", 0, true},
		{"Mon, 01 Jan 2024 05:00:00 GMT", 60 * time.Second, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
