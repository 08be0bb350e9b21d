package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestAdaptiveLimiterArithmetic(t *testing.T) {
	l := NewAdaptiveLimiter(8)
	ctx := t.Context()
	acquire := func(n int) []Ticket {
		var ts []Ticket
		for range n {
			tk, err := l.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ts = append(ts, tk)
		}
		return ts
	}
	if l.Limit() != 8 {
		t.Fatalf("starts at %d, want the ceiling 8", l.Limit())
	}
	// A burst of 429s from requests sent under one limit drops it to one, once.
	burst := acquire(3)
	l.Release(burst[0], false, true)
	if l.Limit() != 1 {
		t.Fatalf("after a 429: %d, want 1", l.Limit())
	}
	l.Release(burst[1], true, false) // a success sent under the old limit: says nothing of the new
	if l.Limit() != 1 {
		t.Fatalf("a success sent before the drop raised the limit to %d, want 1", l.Limit())
	}
	l.Release(burst[2], false, true) // the burst's other 429, sent under the old limit
	if l.Limit() != 1 {
		t.Fatalf("a 429 from the burst already counted changed the limit to %d, want 1", l.Limit())
	}
	// A 429 from a request sent after that drop drops it again; never below 1.
	for _, want := range []int{1, 1} {
		l.Release(acquire(1)[0], false, true)
		if l.Limit() != want {
			t.Fatalf("limit %d, want %d", l.Limit(), want)
		}
	}
	// Additive increase: one more slot per `limit` successes in a row.
	var got []int
	for range 12 {
		l.Release(acquire(1)[0], true, false)
		got = append(got, l.Limit())
	}
	if fmt.Sprint(got) != "[2 2 3 3 3 4 4 4 4 5 5 5]" {
		t.Errorf("limits after successes = %v", got)
	}
	// Neither success nor 429 (a 404, a reset) changes nothing.
	l.Release(acquire(1)[0], false, false)
	if l.Limit() != 5 {
		t.Errorf("limit = %d after a plain failure, want 5", l.Limit())
	}
	// Never above the ceiling.
	for range 100 {
		l.Release(acquire(1)[0], true, false)
	}
	if l.Limit() != 8 || l.InFlight() != 0 {
		t.Errorf("limit %d in flight %d, want 8 and 0", l.Limit(), l.InFlight())
	}
}

// Acquire blocks while the limit is reached and returns when a slot frees or ctx ends.
func TestAdaptiveLimiterBlocks(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	first, _ := l.Acquire(t.Context())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := l.Acquire(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Acquire on a full limiter with a cancelled ctx = %v", err)
	}
	got := make(chan error)
	go func() {
		_, err := l.Acquire(t.Context())
		got <- err
	}()
	l.Release(first, true, false)
	if err := <-got; err != nil || l.InFlight() != 1 {
		t.Errorf("waiting Acquire = %v, in flight %d", err, l.InFlight())
	}
}

// A client with a limiter holds a slot per attempt and drops to one on a 429, also on a
// 429 inside a $batch answer.
func TestClientUsesLimiter(t *testing.T) {
	l := NewAdaptiveLimiter(8)
	c, _, _, _ := stub(t, batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		if url == "/a" && seen == 1 {
			return 429, map[string]string{"Retry-After": "1"}, `{}`
		}
		return 200, nil, `{}`
	}), WithLimiter(l))
	res, err := c.Batch(t.Context(), []BatchRequest{{URL: "/a"}, {URL: "/b"}})
	if err != nil || res[0].Err != nil || res[1].Err != nil {
		t.Fatalf("Batch = %+v, %v", res, err)
	}
	if l.Limit() != 2 || l.InFlight() != 0 {
		t.Errorf("limit %d in flight %d, want 2 (dropped to 1 by the item's 429, one more for its retry) and 0", l.Limit(), l.InFlight())
	}
	c, _, _, _ = stub(t, statusSeq([]int{429}, []string{"1"}), WithLimiter(l), WithMaxAttempts(1))
	if _, err := c.Get(t.Context(), "/x", nil); !hasStatus(err, 429) {
		t.Fatalf("Get = %v, want its 429", err)
	}
	if l.Limit() != 1 {
		t.Errorf("limit %d after a request's own 429, want 1", l.Limit())
	}
}

// A request that gets its slot only after a 429 closed the shared gate again gives the
// slot back and waits at the gate before it is sent: sent at once, it would be turned
// away. That wait is not charged to its time budget: after 30s at the gate, a request
// with a 2s budget (1s × 2 attempts) still has the time for its retry.
func TestSlotAfterTheGateClosedWaitsAtTheGate(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	var mu sync.Mutex
	var sentAt []time.Time
	var sl *sleeps
	c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		sentAt = append(sentAt, sl.now())
		mu.Unlock()
		if n == 0 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"code":"c503","message":"m"}}`)
			return
		}
		fmt.Fprint(w, `{"id":"ok"}`)
	}, WithLimiter(l), WithRequestTimeout(time.Second), WithMaxAttempts(2))
	start := sl.now()

	held, err := l.Acquire(t.Context()) // another request holds the only slot
	if err != nil {
		t.Fatal(err)
	}
	blocked := make(chan struct{})
	var once sync.Once
	l.waiting = func() { once.Do(func() { close(blocked) }) }
	done := make(chan struct{})
	var got []byte
	var getErr error
	go func() {
		defer close(done)
		got, getErr = c.Get(context.Background(), "/x", nil)
	}()
	<-blocked // the request passed the open gate and waits for a slot
	// The slot's holder is answered 429, Retry-After 30s: the gate closes, then the slot
	// is given back.
	c.throttle.hold(sl.now(), 30*time.Second)
	l.Release(held, false, true)
	<-done

	if getErr != nil || string(got) != `{"id":"ok"}` {
		t.Fatalf("Get = %s, %v", got, getErr)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []time.Time{start.Add(30 * time.Second), start.Add(31 * time.Second)}
	if !reflect.DeepEqual(sentAt, want) || rec.count() != 2 {
		t.Errorf("sent at %v, want %v: after the gate, then after its Retry-After", sentAt, want)
	}
	if w := sl.waits(); !reflect.DeepEqual(w, []time.Duration{30 * time.Second, time.Second}) {
		t.Errorf("waits %v, want the gate's 30s, then the 503's 1s", w)
	}
	if l.InFlight() != 0 {
		t.Errorf("%d slots still held", l.InFlight())
	}
}

// A 429 that closes the gate further while a request sleeps at it (another request's
// Retry-After, longer than the first) keeps that request waiting to the new end: it is
// not sent into the throttling when its first wait is over.
func TestGateClosedFurtherDuringTheWaitIsWaitedOut(t *testing.T) {
	var c *Client
	var sl *sleeps
	var sentAt []time.Time
	var mu sync.Mutex
	extended := false
	sleep := func(ctx context.Context, d time.Duration) error {
		if !extended {
			extended = true // during the first wait, another request is told Retry-After 25s
			c.throttle.hold(sl.now(), 25*time.Second)
		}
		return sl.sleep(ctx, d)
	}
	c, _, sl, _ = stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		sentAt = append(sentAt, sl.now())
		mu.Unlock()
		fmt.Fprint(w, `{"id":"ok"}`)
	}, WithLimiter(NewAdaptiveLimiter(1)), WithSleeper(sleep), WithRequestTimeout(time.Minute))
	start := sl.now()
	c.throttle.hold(start, 10*time.Second) // an earlier 429 closed the gate for 10s

	if _, err := c.Get(t.Context(), "/x", nil); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []time.Time{start.Add(25 * time.Second)}; !reflect.DeepEqual(sentAt, want) {
		t.Errorf("sent at %v, want %v: once the gate opened at its new end", sentAt, want)
	}
	if w := sl.waits(); !reflect.DeepEqual(w, []time.Duration{10 * time.Second, 15 * time.Second}) {
		t.Errorf("waits %v, want 10s, then the 15s the gate was closed further", w)
	}
}

// A retry waiting for a slot gets the next one before new requests that waited longer.
func TestRetryTakesTheNextSlotBeforeNewRequests(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	held, err := l.Acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	blocked := make(chan struct{}, 2)
	l.waiting = func() { blocked <- struct{}{} }
	order := make(chan string, 2)
	newDone := make(chan Ticket, 1)
	go func() { // a new request, waiting first
		tk, _ := l.Acquire(t.Context())
		order <- "new"
		newDone <- tk
	}()
	<-blocked
	retryDone := make(chan Ticket, 1)
	go func() { // a retry, waiting second
		tk, _ := l.AcquireRetry(t.Context(), nil)
		order <- "retry"
		retryDone <- tk
	}()
	<-blocked
	l.waiting = nil
	l.Release(held, true, false) // one slot frees: the retry's
	if got := <-order; got != "retry" {
		t.Fatalf("first slot went to %s, want the retry", got)
	}
	l.Release(<-retryDone, true, false)
	if got := <-order; got != "new" {
		t.Fatalf("second slot went to %s, want the new request", got)
	}
	l.Release(<-newDone, true, false)
	if l.InFlight() != 0 {
		t.Errorf("%d slots held", l.InFlight())
	}
}

// A retry that gives up waiting (its context ends) no longer holds new requests back.
func TestCancelledRetryLetsNewRequestsThrough(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	held, _ := l.Acquire(t.Context())
	blocked := make(chan struct{}, 1)
	l.waiting = func() { blocked <- struct{}{} }
	ctx, cancel := context.WithCancel(t.Context())
	retryErr := make(chan error, 1)
	go func() {
		_, err := l.AcquireRetry(ctx, nil)
		retryErr <- err
	}()
	<-blocked
	l.waiting = nil
	cancel()
	if err := <-retryErr; err == nil {
		t.Fatal("cancelled AcquireRetry succeeded")
	}
	l.Release(held, true, false)
	tk, err := l.Acquire(t.Context()) // must not wait for a retry that left
	if err != nil {
		t.Fatal(err)
	}
	l.Release(tk, true, false)
}

// While a 429's retries are queued, no new request takes a slot, and the retries take
// theirs most attempts first, then in the order they were turned away.
func TestQueuedRetriesGoMostAttemptsFirst(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	first := l.QueueRetry(1)
	most := l.QueueRetry(3)
	second := l.QueueRetry(1)
	got := make(chan string, 4)
	blocked := make(chan struct{}, 4)
	l.waiting = func() { blocked <- struct{}{} }
	take := func(name string, turn *RetryTurn) {
		var tk Ticket
		var err error
		if turn == nil {
			tk, err = l.Acquire(t.Context())
		} else {
			tk, err = l.AcquireRetry(t.Context(), turn)
			turn.Leave()
		}
		if err != nil {
			t.Error(err)
		}
		got <- name
		l.Release(tk, true, false)
	}
	// Each waits, though a slot is free, until the one before it has had its slot.
	go take("new", nil)
	<-blocked
	go take("second", second)
	<-blocked
	go take("first", first)
	<-blocked
	l.waiting = nil
	go take("most", most)
	var order []string
	for range 4 {
		order = append(order, <-got)
	}
	if want := "[most first second new]"; fmt.Sprint(order) != want {
		t.Errorf("slots went %v, want %s", order, want)
	}
}

// A queued retry that gives up (Leave without a slot) holds nobody back.
func TestLeftRetryTurnHoldsNobodyBack(t *testing.T) {
	l := NewAdaptiveLimiter(1)
	turn := l.QueueRetry(1)
	turn.Leave()
	turn.Leave() // twice is harmless
	var none *RetryTurn
	none.Leave() // so is nil
	tk, err := l.Acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	l.Release(tk, true, false)
}
