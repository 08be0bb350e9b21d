package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"
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
	l.Release(burst[1], true, false) // a success: one more slot
	l.Release(burst[2], false, true) // the burst's other 429, sent under the old limit
	if l.Limit() != 2 {
		t.Fatalf("a 429 from the burst already counted changed the limit to %d, want 2", l.Limit())
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
