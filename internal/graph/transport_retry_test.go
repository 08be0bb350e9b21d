package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// statusSeq answers the given statuses in turn (with their Retry-After),
// then 200 with an entity.
func statusSeq(statuses []int, retryAfter []string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n < len(statuses) {
			if n < len(retryAfter) && retryAfter[n] != "" {
				w.Header().Set("Retry-After", retryAfter[n])
			}
			w.WriteHeader(statuses[n])
			fmt.Fprintf(w, `{"error":{"code":"c%d","message":"m"}}`, statuses[n])
			return
		}
		fmt.Fprint(w, `{"id":"ok"}`)
	}
}

func TestRetry(t *testing.T) {
	future := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		statuses   []int
		retryAfter []string
		wantReqs   int
		wantWaits  []time.Duration
		wantStatus int // 0 = success
	}{
		{"429 retry-after seconds", []int{429}, []string{"7"}, 2, []time.Duration{7 * time.Second}, 0},
		{"429 retry-after capped", []int{429}, []string{"86400"}, 2, []time.Duration{60 * time.Second}, 0},
		{"503 then 504 backoff doubles", []int{503, 504}, nil, 3, []time.Duration{500 * time.Millisecond, time.Second}, 0},
		{"429 without retry-after backs off", []int{429, 429, 429}, nil, 4,
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, 0},
		{"400 not retried", []int{400}, nil, 1, nil, 400},
		{"401 not retried", []int{401}, nil, 1, nil, 401},
		{"403 not retried", []int{403}, nil, 1, nil, 403},
		{"404 not retried", []int{404}, nil, 1, nil, 404},
		{"500 not retried", []int{500}, nil, 1, nil, 500},
		{"429 until max attempts", []int{429, 429, 429, 429, 429, 429}, []string{"1", "1", "1", "1", "1", "1"}, 5,
			[]time.Duration{time.Second, time.Second, time.Second, time.Second}, 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec, sl, _ := stub(t, statusSeq(tt.statuses, tt.retryAfter))
			got, err := c.Get(context.Background(), "/x", nil)
			if tt.wantStatus == 0 {
				if err != nil || string(got) != `{"id":"ok"}` {
					t.Fatalf("Get = %s, %v", got, err)
				}
			} else if !hasStatus(err, tt.wantStatus) {
				t.Fatalf("err = %v, want status %d", err, tt.wantStatus)
			}
			if rec.count() != tt.wantReqs {
				t.Errorf("requests = %d, want %d", rec.count(), tt.wantReqs)
			}
			if !reflect.DeepEqual(sl.waits(), tt.wantWaits) {
				t.Errorf("waits = %v, want %v", sl.waits(), tt.wantWaits)
			}
		})
	}

	t.Run("429 retry-after http date", func(t *testing.T) {
		c, rec, sl, _ := stub(t, statusSeq([]int{429}, []string{future}))
		if _, err := c.Get(context.Background(), "/x", nil); err != nil {
			t.Fatal(err)
		}
		// The date is read against the wall clock, so the wait is 20s less the time the
		// request took: the bound leaves 10s for a busy machine and still tells the date
		// (about 20s) from a backoff (500ms) or the cap (60s).
		w := sl.waits()
		if rec.count() != 2 || len(w) != 1 || w[0] < 10*time.Second || w[0] > 20*time.Second {
			t.Errorf("requests %d waits %v, want one wait of about 20s", rec.count(), w)
		}
	})
	t.Run("throttled after max attempts", func(t *testing.T) {
		c, rec, _, _ := stub(t, statusSeq([]int{429, 429, 429}, nil), WithMaxAttempts(3))
		_, err := c.Get(context.Background(), "/x", nil)
		var apiErr *APIError
		if !IsThrottled(err) || !errors.As(err, &apiErr) || apiErr.Code != "c429" || rec.count() != 3 {
			t.Errorf("err = %v after %d requests", err, rec.count())
		}
	})
}

func TestBackoffJitter(t *testing.T) {
	c := New()
	for _, tt := range []struct {
		j    float64
		want time.Duration
	}{{0, 400 * time.Millisecond}, {0.5, 500 * time.Millisecond}, {1, 600 * time.Millisecond}} {
		c.jitter = func() float64 { return tt.j }
		if got := c.backoff(1); got != tt.want {
			t.Errorf("jitter %v: backoff(1) = %v, want %v", tt.j, got, tt.want)
		}
	}
	c.jitter = func() float64 { return 0.5 }
	if got := c.backoff(40); got != 30*time.Second {
		t.Errorf("backoff(40) = %v, want the 30s cap", got)
	}
}

func TestRetryStopsWhenDeadlineTooClose(t *testing.T) {
	c, rec, sl, _ := stub(t, statusSeq([]int{429}, []string{"30"}))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.Get(ctx, "/x", nil)
	if !IsThrottled(err) || rec.count() != 1 || len(sl.waits()) != 0 {
		t.Errorf("err %v, requests %d, waits %v", err, rec.count(), sl.waits())
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, rec, _, _ := stub(t, statusSeq([]int{503, 503}, nil), WithSleeper(func(ctx context.Context, d time.Duration) error {
		cancel() // Ctrl-C while waiting to retry
		<-ctx.Done()
		return ctx.Err()
	}))
	_, err := c.Get(ctx, "/x", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if rec.count() != 1 {
		t.Errorf("requests = %d, want 1", rec.count())
	}
}

func TestCancelledContextSendsNothing(t *testing.T) {
	c, rec, _, _ := stub(t, statusSeq(nil, nil))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Get(ctx, "/x", nil)
	if !errors.Is(err, context.Canceled) || rec.count() != 0 {
		t.Errorf("err = %v, requests = %d", err, rec.count())
	}
	for _, err := range c.Pages(ctx, "/x", nil) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Pages err = %v", err)
		}
	}
}

// timeouts records the timeouts the client asks for. The first per-attempt timeout
// (attempt) "fires" when fire is closed, so a test ends an attempt at a point it chooses
// instead of racing the wall clock; the others never fire on their own.
type timeouts struct {
	attempt time.Duration
	fire    chan struct{}

	mu    sync.Mutex
	asked []time.Duration
	fired bool
}

func (tm *timeouts) withTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	tm.mu.Lock()
	tm.asked = append(tm.asked, d)
	first := d == tm.attempt && !tm.fired
	if first {
		tm.fired = true
	}
	tm.mu.Unlock()
	ctx, cancel := context.WithCancel(parent)
	if first {
		go func() {
			select {
			case <-tm.fire:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	return ctx, cancel
}

func (tm *timeouts) got() []time.Duration {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return append([]time.Duration(nil), tm.asked...)
}

// An attempt that runs out of its --timeout is retried after a backoff, within the budget
// of --timeout × attempts. The timeout "fires" once the server holds the request, so the
// test does not depend on how busy the machine is.
func TestAttemptTimeoutIsRetried(t *testing.T) {
	tm := &timeouts{attempt: 150 * time.Millisecond, fire: make(chan struct{})}
	c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			close(tm.fire)       // the client's timer for this attempt expires now...
			<-r.Context().Done() // ...and the server hangs until the client gives up
			return
		}
		fmt.Fprint(w, `{"id":"ok"}`)
	}, WithRequestTimeout(150*time.Millisecond))
	c.withTimeout = tm.withTimeout
	got, err := c.Get(context.Background(), "/x", nil)
	if err != nil || string(got) != `{"id":"ok"}` {
		t.Fatalf("Get = %s, %v", got, err)
	}
	if rec.count() != 2 || !reflect.DeepEqual(sl.waits(), []time.Duration{500 * time.Millisecond}) {
		t.Errorf("requests %d waits %v, want 2 requests and one 500ms backoff", rec.count(), sl.waits())
	}
	// The 750ms budget is kept on the client's clock (see budget), not as a context.
	want := []time.Duration{150 * time.Millisecond, 150 * time.Millisecond}
	if !reflect.DeepEqual(tm.got(), want) {
		t.Errorf("timeouts asked %v, want 150ms per attempt", tm.got())
	}
}

func TestTransportErrorsRetriedOnlyForGET(t *testing.T) {
	hangUp := func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close() // connection dropped before any answer
			return
		}
		fmt.Fprint(w, `{"id":"ok"}`)
	}
	c, rec, _, _ := stub(t, hangUp)
	if _, err := c.Get(context.Background(), "/x", nil); err != nil || rec.count() != 2 {
		t.Errorf("GET: err %v after %d requests, want success after 2", err, rec.count())
	}
	c, rec, _, _ = stub(t, hangUp)
	if _, err := c.Do(context.Background(), "POST", "/x", []byte(`{}`), nil); err == nil || rec.count() != 1 {
		t.Errorf("POST: err %v after %d requests, want failure after 1", err, rec.count())
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRequestHeaders(t *testing.T) {
	c, rec, _, _ := stub(t, statusSeq([]int{503}, nil), WithUserAgent("mdti/1.2.3"))
	if _, err := c.Get(context.Background(), "/x", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), "/y", nil); err != nil {
		t.Fatal(err)
	}
	first, retry, other := rec.req(0).Header, rec.req(1).Header, rec.req(2).Header
	for name, want := range map[string]string{"Accept": "application/json", "User-Agent": "mdti/1.2.3",
		"Return-Client-Request-Id": "true", "Authorization": "Bearer tok"} {
		if got := first.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	id := first.Get("client-request-id")
	if !uuidRE.MatchString(id) {
		t.Errorf("client-request-id %q is not a v4 UUID", id)
	}
	if retry.Get("client-request-id") != id {
		t.Errorf("a retry must keep the logical request's id: %q vs %q", retry.Get("client-request-id"), id)
	}
	if other.Get("client-request-id") == id {
		t.Error("a new logical request needs a fresh id")
	}
}

func TestTransportErrorNamesRequestOnce(t *testing.T) {
	c, _, _, srv := stub(t, statusSeq(nil, nil), WithMaxAttempts(2))
	srv.Close()
	_, err := c.Get(context.Background(), "/x", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "GET /v1.0/x: dial tcp ") ||
		!strings.HasSuffix(err.Error(), "; gave up after 2 attempts in 500ms") || strings.Count(err.Error(), "/v1.0/x") != 1 {
		t.Errorf("err = %v", err)
	}
}

// A server that never answers costs --timeout × attempts in all, backoffs included, not
// every attempt plus every backoff (docs/reference.md §7). The budget is kept on the
// client's clock: after one 100ms attempt at most 500ms of it is left, so the 500ms
// backoff cannot fit and the client gives up without waiting.
func TestRetriesStayWithinTimeoutTimesAttempts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}, WithRequestTimeout(100*time.Millisecond))
	var mu sync.Mutex
	var asked []time.Duration
	c.withTimeout = func(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
		mu.Lock()
		asked = append(asked, d)
		mu.Unlock()
		return context.WithTimeout(parent, d)
	}
	_, err := c.Get(context.Background(), "/x", nil)
	if err == nil || !strings.Contains(err.Error(), "no response within 100ms") {
		t.Fatalf("err = %v, want the per-request timeout named", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Errorf("err = %v: a spent budget is not an interruption", err)
	}
	if rec.count() != 1 || len(sl.waits()) != 0 {
		t.Errorf("%d requests, waits %v: want 1 request and no backoff past the budget", rec.count(), sl.waits())
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(asked, []time.Duration{100 * time.Millisecond}) {
		t.Errorf("timeouts asked %v, want one 100ms attempt", asked)
	}
}
