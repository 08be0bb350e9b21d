package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Every item of a $batch answering 429 with Retry-After: 60 under --timeout 2s used to
// take 240 s; the budget is 2s × 5 = 10s, so the 60 s wait does not fit and each item
// fails at once with its 429, naming the Retry-After.
func TestBatchThrottledItemsObeyTheBudget(t *testing.T) {
	c, rec, sl, _ := stub(t, batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		return 429, map[string]string{"Retry-After": "60"}, `{"error":{"code":"TooManyRequests","message":"slow down"}}`
	}), WithRequestTimeout(2*time.Second))
	var reqs []BatchRequest
	for i := range 25 {
		reqs = append(reqs, BatchRequest{URL: "/hosts/h" + strconv.Itoa(i)})
	}
	res, err := c.Batch(t.Context(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if rec.count() != 2 || len(sl.waits()) != 0 {
		t.Fatalf("%d POSTs, waits %v; want 2 POSTs (20 + 5 items) and no wait", rec.count(), sl.waits())
	}
	for i, r := range res {
		var re *RetryError
		if !IsThrottled(r.Err) || !errors.As(r.Err, &re) {
			t.Fatalf("item %d: %v, want a throttled RetryError", i, r.Err)
		}
	}
	want := "GET /v1.0/hosts/h0: 429 TooManyRequests: slow down; " +
		"gave up after 1 attempt in 0s: Retry-After 1m0s is longer than the 10s left of the time budget"
	if got := res[0].Err.Error(); got != want {
		t.Errorf("err =\n%q\nwant\n%q", got, want)
	}
}

// Retry-After waits that fit are honoured, round after round, until the budget is
// spent: 10s allow 4s + 4s but not a third 4s.
func TestBatchRoundsShareOneBudget(t *testing.T) {
	c, rec, sl, _ := stub(t, batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		return 429, map[string]string{"Retry-After": "4"}, `{"error":{"code":"TooManyRequests","message":"x"}}`
	}), WithRequestTimeout(2*time.Second))
	res, err := c.Batch(t.Context(), []BatchRequest{{URL: "/a"}})
	if err != nil {
		t.Fatal(err)
	}
	if rec.count() != 3 || fmt.Sprint(sl.waits()) != "[4s 4s]" {
		t.Errorf("%d POSTs, waits %v; want 3 and [4s 4s]", rec.count(), sl.waits())
	}
	want := "GET /v1.0/a: 429 TooManyRequests: x; gave up after 3 attempts in 8s: Retry-After 4s is longer than the 2s left of the time budget"
	if res[0].Err == nil || res[0].Err.Error() != want {
		t.Errorf("err = %v\nwant %s", res[0].Err, want)
	}
}

// A single request out of attempts says so, with the time it took, instead of a bare
// error; it still unwraps to the 429 (exit 7).
func TestExhaustedRetriesSayWhatHappened(t *testing.T) {
	c, _, _, _ := stub(t, statusSeq([]int{429, 429, 429, 429, 429}, []string{"30", "30", "30", "30", "30"}))
	_, err := c.Get(t.Context(), "/x", nil)
	want := "GET /v1.0/x: 429 c429: m (date: " + shownDate + "); gave up after 5 attempts in 2m0s"
	if err == nil || err.Error() != want || !IsThrottled(err) {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	// A budget spent by hanging attempts is named too, not a bare context deadline.
	release := make(chan struct{})
	defer close(release)
	var sl *sleeps
	c, _, sl, _ = stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		sl.advance(50 * time.Millisecond) // the attempt takes its whole timeout
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}, WithRequestTimeout(50*time.Millisecond), WithMaxAttempts(2))
	_, err = c.Get(t.Context(), "/x", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "GET /v1.0/x: no response within 50ms: ") ||
		!strings.HasSuffix(err.Error(), "; gave up after 1 attempt in 50ms: a backoff of 500ms is longer than the 50ms left of the time budget") {
		t.Errorf("err = %v", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Error("a spent budget is not an interruption")
	}
}

// Waiting at the shared 429 gate is not charged to a request: a request held there
// longer than its own budget still gets all its attempts.
func TestGateWaitNotChargedToBudget(t *testing.T) {
	c, rec, sl, _ := stub(t, statusSeq([]int{503, 503}, nil), WithRequestTimeout(time.Second), WithMaxAttempts(3))
	c.throttle.hold(sl.now(), 2500*time.Millisecond) // another request was told to wait; our budget is 3s
	if _, err := c.Get(t.Context(), "/x", nil); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 3 || fmt.Sprint(sl.waits()) != "[2.5s 500ms 1s]" {
		t.Errorf("%d requests, waits %v", rec.count(), sl.waits())
	}
	// A gate closed for longer than the whole budget ends the request unsent, as throttled.
	c.throttle.hold(sl.now(), 50*time.Second)
	_, err := c.Get(t.Context(), "/y", nil)
	if !IsThrottled(err) || rec.count() != 3 || !strings.Contains(err.Error(), "not sent: the shared wait after a 429 (50s) is longer than the 3s left") {
		t.Errorf("err = %v after %d requests", err, rec.count())
	}
}

// A request retried after its own 429 does not wait again at the gate it closed, but
// does wait for a longer hold another request set meanwhile.
func TestRetryWaitsOnlyForOthersLongerHold(t *testing.T) {
	c, _, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(429)
			return
		}
		fmt.Fprint(w, `{}`)
	})
	inner := c.sleep
	first := true
	c.sleep = func(ctx context.Context, d time.Duration) error {
		if first { // while we wait out our 3s, another worker is told to wait 5s
			first = false
			c.throttle.hold(sl.now(), 5*time.Second)
		}
		return inner(ctx, d)
	}
	if _, err := c.Get(t.Context(), "/x", nil); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sl.waits()) != "[3s 2s]" {
		t.Errorf("waits = %v, want our 3s, then 2s more for the 5s others were given at the same moment", sl.waits())
	}
}

// A $batch answer without an id keeps its request identified: matched when that is
// unambiguous, named by method and URL when it is not.
func TestBatchAnswerWithoutID(t *testing.T) {
	answer := func(ids ...string) func(http.ResponseWriter, *http.Request, int) {
		return func(w http.ResponseWriter, r *http.Request, n int) {
			var out []map[string]any
			for k, id := range ids {
				st := 200
				if id == "" {
					st = 404
				}
				out = append(out, map[string]any{"id": id, "status": st,
					"body": json.RawMessage(fmt.Sprintf(`{"error":{"code":"NotFound","message":"answer %d"}}`, k))})
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"responses": out})
		}
	}
	three := []BatchRequest{{URL: "/a"}, {URL: "/b"}, {URL: "/c"}}

	c, _, _, _ := stub(t, answer("2", "", "0")) // out of order, one without id
	res, err := c.Batch(t.Context(), three)
	if err != nil {
		t.Fatal(err)
	}
	want := "GET /v1.0/b: 404 NotFound: answer 1 (the batch answer had no id; matched as the only unanswered request)"
	if !IsNotFound(res[1].Err) || res[1].Err.Error() != want {
		t.Errorf("b = %v\nwant %s", res[1].Err, want)
	}

	c, _, _, _ = stub(t, answer("0", "", "")) // in order: positions say which is which
	res, _ = c.Batch(t.Context(), three)
	if res[1].Err == nil || !strings.HasSuffix(res[1].Err.Error(), "matched as its position, as the other answers keep the requests' order)") ||
		!strings.Contains(res[2].Err.Error(), "answer 2") {
		t.Errorf("in order: %v / %v", res[1].Err, res[2].Err)
	}

	c, _, _, _ = stub(t, answer("", "", "1")) // out of order, two without id: never guess
	res, _ = c.Batch(t.Context(), three)
	want = "GET /v1.0/a: the batch response has no answer for this request (2 answers came without a usable id and could not be matched safely)"
	if res[0].Err == nil || res[0].Err.Error() != want || res[1].Err != nil {
		t.Errorf("ambiguous: %v / %v\nwant %s", res[0].Err, res[1].Err, want)
	}
}

// --timeout 1000000h × 5 attempts overflows a Duration: it used to make every request
// fail at once; it means no practical bound.
func TestHugeTimeoutDoesNotOverflow(t *testing.T) {
	c, rec, _, _ := stub(t, statusSeq([]int{503}, nil), WithRequestTimeout(1000000*time.Hour))
	if _, err := c.Get(t.Context(), "/x", nil); err != nil || rec.count() != 2 {
		t.Fatalf("err %v after %d requests", err, rec.count())
	}
}
