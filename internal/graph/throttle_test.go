package graph

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// After one request is throttled, the client's other requests wait at the shared gate
// instead of adding to the load Graph is refusing.
func TestThrottleHoldsEveryRequest(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"error":{"code":"TooManyRequests","message":"slow down"}}`))
			return
		}
		w.Write([]byte(`{"id":"x"}`))
	}))
	defer srv.Close()
	var mu sync.Mutex
	var waits []time.Duration
	c := New(WithEndpoint(srv.URL), WithTokenSource(StaticToken("t")), WithSleeper(func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return nil
	}))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return t0 } // no time passes between the requests
	if _, err := c.Get(context.Background(), "/a", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), "/b", nil); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 2 || waits[0] != 3*time.Second || waits[1] != 3*time.Second {
		t.Fatalf("waits = %v, want the throttled request's 3s, then the next request held 3s at the gate", waits)
	}
	if got := n.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}
}

// A 503 is a server hiccup, not throttling: it does not hold other requests.
func TestUnavailableDoesNotHoldOthers(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"id":"x"}`))
	}))
	defer srv.Close()
	var waits []time.Duration
	c := New(WithEndpoint(srv.URL), WithTokenSource(StaticToken("t")), WithSleeper(func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}))
	c.Get(context.Background(), "/a", nil)
	c.Get(context.Background(), "/b", nil)
	if len(waits) != 1 {
		t.Fatalf("waits = %v, want only the 503's own retry wait", waits)
	}
}
