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
	now   func() time.Time // nil means time.Now; tests fix it
}

func (g *throttleGate) clock() time.Time {
	if g.now != nil {
		return g.now()
	}
	return time.Now()
}

// hold closes the gate for d from now (never shortening an earlier hold).
func (g *throttleGate) hold(d time.Duration) {
	if d <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if t := g.clock().Add(d); t.After(g.until) {
		g.until = t
	}
}

// remaining is how long the gate stays closed.
func (g *throttleGate) remaining() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until.Sub(g.clock())
}

// waitThrottle sleeps while the client's throttle gate is closed.
func (c *Client) waitThrottle(ctx context.Context) error {
	if d := c.throttle.remaining(); d > 0 {
		return c.sleep(ctx, d)
	}
	return nil
}

// noteThrottle closes the gate after a 429 told us to wait.
func (c *Client) noteThrottle(status int, wait time.Duration) {
	if status == http.StatusTooManyRequests {
		c.throttle.hold(wait)
	}
}
