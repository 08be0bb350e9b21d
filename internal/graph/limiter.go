package graph

import (
	"context"
	"slices"
	"sync"
)

// AdaptiveLimiter bounds how many requests are in flight and adapts that bound to
// throttling, additive increase and multiplicative decrease (AIMD, with TCP's slow
// restart): a 429 drops the allowed concurrency to one, and every `limit` successes in a
// row add one, never above the ceiling (--concurrency, which thus becomes a ceiling, not
// a promise). Halving was too slow: each $batch sent into a throttled server spends an
// attempt of every item it carries, and at --concurrency 64 the halvings 64 → 32 → 16 …
// let batches be turned away five times and lose their inputs. A burst of 429s from
// requests sent under the same limit counts once, not once per request: a Ticket
// remembers the limit's epoch it was issued in.
//
// A Client given one (WithLimiter) holds a slot for each HTTP attempt, so every caller
// benefits; the lookup engine may also use one directly. It is safe for concurrent use.
type AdaptiveLimiter struct {
	mu        sync.Mutex
	ceiling   int
	limit     int
	inFlight  int
	successes int          // since the limit last changed
	epoch     uint64       // bumped whenever a 429 drops the limit
	retries   int          // retries waiting for a slot: they go before new requests
	turns     []*RetryTurn // requests a 429 sent back, in the order it did: see QueueRetry
	changed   chan struct{}
	// waiting, when set (by tests, before any Acquire), is called each time Acquire finds
	// no free slot and is about to wait: a test knows a caller waits without sleeping.
	waiting func()
}

// Ticket is one acquired slot; give it back with Release.
type Ticket struct{ epoch uint64 }

// NewAdaptiveLimiter starts at ceiling (values below 1 mean 1).
func NewAdaptiveLimiter(ceiling int) *AdaptiveLimiter {
	ceiling = max(ceiling, 1)
	return &AdaptiveLimiter{ceiling: ceiling, limit: ceiling, changed: make(chan struct{})}
}

// Acquire waits for a free slot or for ctx to end. A slot goes to a waiting retry
// (AcquireRetry) first, and to no new request while a 429's retries are queued.
func (l *AdaptiveLimiter) Acquire(ctx context.Context) (Ticket, error) {
	return l.acquire(ctx, false, nil)
}

// AcquireRetry is Acquire for a request that was sent before and turned away (a 429, a
// 503, the throttled items of a $batch): it takes the next free slot before any new
// request. Without this, the items a 429 sent back raced every new batch for the few
// slots left after each Retry-After, and under a steady rate limit some lost that race
// until their five attempts were spent and their inputs lost. turn, if not nil, is the
// request's place in the queue of 429 retries (QueueRetry): it waits for the retries
// queued before it.
func (l *AdaptiveLimiter) AcquireRetry(ctx context.Context, turn *RetryTurn) (Ticket, error) {
	return l.acquire(ctx, true, turn)
}

// RetryTurn is a place in the queue of requests a 429 sent back.
type RetryTurn struct {
	l     *AdaptiveLimiter
	tries int // attempts already spent: the most go first
	left  bool
}

// QueueRetry queues a request a 429 has just sent back after tries attempts, before it
// waits out the Retry-After. Until it leaves the queue (Leave, once it has its slot or
// gives up), no new request takes a slot, and the retries take theirs most attempts
// first, then in the order they were turned away. Under a rate limit every Retry-After
// buys one bucket of requests, and the last batch sent into it is turned away: that
// batch must not be the one with the fewest attempts left, or it loses its inputs after
// five such rounds. New requests wake at the gate a moment before a retry does; without
// the queue they took the few slots left after each Retry-After.
func (l *AdaptiveLimiter) QueueRetry(tries int) *RetryTurn {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := &RetryTurn{l: l, tries: tries}
	i := len(l.turns)
	for i > 0 && l.turns[i-1].tries < tries {
		i--
	}
	l.turns = slices.Insert(l.turns, i, t)
	return t
}

// Leave takes the turn out of the queue. It is safe on nil and to call more than once.
func (t *RetryTurn) Leave() {
	if t == nil {
		return
	}
	l := t.l
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.left {
		return
	}
	t.left = true
	for i, q := range l.turns {
		if q == t {
			l.turns = append(l.turns[:i], l.turns[i+1:]...)
			break
		}
	}
	l.wakeLocked()
}

// mayTakeLocked says whether a request may take a free slot now: a queued 429 retry when
// it heads the queue, any other request when no 429 retry is queued (a retry before a
// new request).
func (l *AdaptiveLimiter) mayTakeLocked(retry bool, turn *RetryTurn) bool {
	if l.inFlight >= l.limit {
		return false
	}
	if turn != nil && !turn.left {
		return l.turns[0] == turn
	}
	return len(l.turns) == 0 && (retry || l.retries == 0)
}

func (l *AdaptiveLimiter) acquire(ctx context.Context, retry bool, turn *RetryTurn) (Ticket, error) {
	queued := false
	for {
		l.mu.Lock()
		if l.mayTakeLocked(retry, turn) {
			l.inFlight++
			if queued {
				l.retries--
			}
			t := Ticket{epoch: l.epoch}
			l.mu.Unlock()
			return t, nil
		}
		if retry && !queued {
			queued = true
			l.retries++
		}
		wake := l.changed
		l.mu.Unlock()
		if l.waiting != nil {
			l.waiting()
		}
		select {
		case <-ctx.Done():
			if queued {
				l.mu.Lock()
				l.retries--
				l.wakeLocked() // new requests may take the slot this retry leaves
				l.mu.Unlock()
			}
			return Ticket{}, ctx.Err()
		case <-wake:
		}
	}
}

// Release gives the slot back. ok is a success (a 2xx answer, or a $batch whose items
// were not throttled); throttled is a 429 (the request's own, or any of a $batch's
// items). A request that was neither (a 404, a reset) leaves the limit as it is.
func (l *AdaptiveLimiter) Release(t Ticket, ok, throttled bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inFlight--
	switch {
	case throttled && t.epoch == l.epoch:
		l.limit = 1 // see the type's comment: halving lost inputs under a rate limit
		l.epoch++
		l.successes = 0
	case ok && !throttled && t.epoch == l.epoch && l.limit < l.ceiling:
		// Only a request sent under the current limit speaks for it: successes of requests
		// sent before a 429 dropped it, answered while the gate is closed, would raise it
		// again before anyone has tried the new limit, and the new requests that wake first
		// at the gate would take those slots ahead of the retries (AcquireRetry).
		if l.successes++; l.successes >= l.limit {
			l.limit++
			l.successes = 0
		}
	}
	l.wakeLocked()
}

// wakeLocked wakes every waiter; each re-checks under the lock.
func (l *AdaptiveLimiter) wakeLocked() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// Limit is the number of requests currently allowed in flight.
func (l *AdaptiveLimiter) Limit() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limit
}

// InFlight is the number of slots held.
func (l *AdaptiveLimiter) InFlight() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inFlight
}
