package graph

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// throttleGate makes every request of one client back off together. Graph throttles per
// app and tenant, so when one worker is told to wait, the others' requests would only
// count against the limit and be refused too: they all wait until the gate opens.
type throttleGate struct {
	mu    sync.Mutex
	until time.Time
}

// hold closes the gate for d from now (never shortening an earlier hold) and returns
// the end of this hold, d from now.
func (g *throttleGate) hold(now time.Time, d time.Duration) time.Time {
	t := now.Add(d)
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.After(g.until) {
		g.until = t
	}
	return t
}

// end is when the gate opens: a later end than one seen before means a 429 closed it
// again in between.
func (g *throttleGate) end() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until
}

// remaining is how long the gate stays closed. After a request has waited out its own
// hold ending at held, only what others added beyond it remains: the sleeper need not
// be a real clock for this to hold.
func (g *throttleGate) remaining(now, held time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !held.IsZero() {
		return g.until.Sub(held)
	}
	return g.until.Sub(now)
}

// waitThrottle sleeps while the client's throttle gate is closed.
func (c *Client) waitThrottle(ctx context.Context, held time.Time) error {
	if d := c.throttle.remaining(c.now(), held); d > 0 {
		return c.sleep(ctx, d)
	}
	return nil
}

// noteThrottle closes the gate after a 429 told us to wait and returns the end of that
// hold; other errors leave the gate alone and return the zero time.
func (c *Client) noteThrottle(err error, wait time.Duration) time.Time {
	if hasStatus(err, http.StatusTooManyRequests) {
		return c.throttle.hold(c.now(), wait)
	}
	return time.Time{}
}
