package graph

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// budget is the time one logical request may take, all attempts and their own waits
// together: --timeout × attempts (docs/reference.md §7). Time spent queueing behind the
// shared 429 gate or for a concurrency slot is not the request's doing and is not
// charged: under throttling every request waits its turn instead of running out.
// A budget is used by one goroutine at a time (send, or Batch's rounds in turn).
type budget struct {
	now    func() time.Time
	start  time.Time
	limit  time.Duration // 0: no bound other than ctx
	paused time.Duration
}

func (c *Client) newBudget() *budget {
	b := &budget{now: c.now, start: c.now()}
	// A --timeout so large that × attempts overflows (1000000h) means no bound, not a
	// negative one that fails every request at once.
	if c.timeout > 0 && c.timeout <= math.MaxInt64/time.Duration(c.maxAttempts) {
		b.limit = c.timeout * time.Duration(c.maxAttempts)
	}
	return b
}

// elapsed is the wall time since the budget started, queueing included.
func (b *budget) elapsed() time.Duration { return b.now().Sub(b.start) }

// left is the time still available; ok is false for an unbounded budget.
func (b *budget) left() (d time.Duration, ok bool) {
	if b.limit == 0 {
		return 0, false
	}
	return max(b.limit-(b.elapsed()-b.paused), 0), true
}

// attemptLimit is how long the next attempt may take: the per-attempt timeout, or less
// when the budget has less left. 0 means no limit.
func (b *budget) attemptLimit(perAttempt time.Duration) time.Duration {
	left, ok := b.left()
	switch {
	case !ok:
		return perAttempt
	case perAttempt == 0:
		return max(left, time.Nanosecond)
	}
	return max(min(perAttempt, left), time.Nanosecond)
}

// tooLong says why a wait of d would not fit the budget, or "" when it fits. what
// names the wait ("Retry-After 60s", "a backoff of 2s").
func (b *budget) tooLong(d time.Duration, what string) string {
	if left, ok := b.left(); ok && d >= left {
		return fmt.Sprintf("%s is longer than the %s left of the time budget", what, fmtDur(left))
	}
	return ""
}

// unpaused runs wait (queueing that is not the request's doing) without charging its
// time to the budget.
func (b *budget) unpaused(wait func() error) error {
	t := b.now()
	err := wait()
	b.paused += b.now().Sub(t)
	return err
}

// RetryError ends a request that was worth retrying but ran out of attempts or of
// time (--timeout × attempts). It reads as the last attempt's error followed by what
// the retries came to, "GET /v1.0/…: 429 TooManyRequests: … (request-id: …); gave up
// after 5 attempts in 2m30s", and unwraps to that error, so a 429 left after every retry
// is still graph.IsThrottled (exit 7), and anything else an error (exit 1).
type RetryError struct {
	Attempts int
	Elapsed  time.Duration
	Reason   string // why it stopped early, "" when the attempts ran out
	Last     error
}

func (e *RetryError) Error() string {
	s := "s"
	if e.Attempts == 1 {
		s = ""
	}
	msg := fmt.Sprintf("%v; gave up after %d attempt%s in %s", e.Last, e.Attempts, s, fmtDur(e.Elapsed))
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

func (e *RetryError) Unwrap() error { return e.Last }

// waitName names the wait before a retry for messages: a server's Retry-After is
// named as such, so that a user sees why a run under a short --timeout stopped.
func waitName(err error, wait time.Duration) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.hasRetryAfter {
		return "Retry-After " + fmtDur(wait)
	}
	return "a backoff of " + fmtDur(wait)
}

// fmtDur prints a duration at a precision a person reads: 850ms, 2.5s, 2m30s.
func fmtDur(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
