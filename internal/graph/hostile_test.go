package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// A 2xx answer that cannot be used names the request-id and date Graph gave it, and says
// what came instead of JSON, so support can trace it. It is not retried.
func TestBrokenSuccessNamesRequestID(t *testing.T) {
	for _, tc := range []struct {
		name, ct, body, want string
	}{
		{"truncated", "application/json", `{"id":"cut`, "malformed response"},
		{"html", "text/html; charset=utf-8", "<html><body><h1>Bad Gateway</h1></body></html>", "got text/html instead of JSON: Bad Gateway"},
		{"empty", "application/json", "", "the body is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("request-id", "rid-123")
				w.Header().Set("Content-Type", tc.ct)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := c.Get(context.Background(), "/x", nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) ||
				!strings.Contains(err.Error(), "(request-id: rid-123, date: "+shownDate+")") {
				t.Fatalf("err = %v", err)
			}
			if rec.count() != 1 {
				t.Errorf("%d requests, want 1 (a malformed body is not retried)", rec.count())
			}
		})
	}
}

// A page larger than maxResponseBody is refused while it streams, not held in memory, and
// not fetched again.
func TestPagesRefusesHugeBody(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("request-id", "rid-huge")
		_, _ = w.Write([]byte(`{"value":[`))
		item := []byte(`{"id":"` + strings.Repeat("x", 1<<20) + `"},`)
		for range maxResponseBody>>20 + 2 {
			if _, err := w.Write(item); err != nil {
				return
			}
		}
	})
	_, errs := collect(t, c, "/big")
	if len(errs) != 1 || !errors.Is(errs[0], errTooLarge) || !strings.Contains(errs[0].Error(), "request-id: rid-huge") {
		t.Fatalf("errs = %v", errs)
	}
	if rec.count() != 1 {
		t.Errorf("%d requests, want 1", rec.count())
	}
}

// Without any answer there is no request-id; the client-request-id we sent stands in.
func TestTransportErrorNamesClientRequestID(t *testing.T) {
	c, _, _, srv := stub(t, statusSeq(nil, nil), WithMaxAttempts(1))
	srv.Close()
	_, err := c.Get(context.Background(), "/x", nil)
	if err == nil || !strings.Contains(err.Error(), "(client-request-id: ") {
		t.Errorf("err = %v", err)
	}
}
