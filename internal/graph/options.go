package graph

import (
	"context"
	"net/http"
	"time"
)

// Option configures a Client. Options are applied in order by New; the HTTP
// transport chain is assembled only after all of them ran, so their order
// does not matter.
type Option func(*Client)

// WithEndpoint sets the Graph base URL (scheme, host and optional port).
// A trailing slash is tolerated. The default is https://graph.microsoft.com.
func WithEndpoint(base string) Option {
	return func(c *Client) { c.endpoint = base }
}

// WithAPIVersion selects "v1.0" (the default) or "beta".
func WithAPIVersion(v string) Option {
	return func(c *Client) {
		if v != "" {
			c.version = v
		}
	}
}

// WithHTTPClient supplies the underlying HTTP client (proxy, CA bundle).
// Its transport is wrapped, not replaced; the client passed in is not modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) { c.baseHTTP = hc }
}

// WithTokenSource sets where bearer tokens come from. Without one, requests
// are sent without an Authorization header.
func WithTokenSource(ts TokenSource) Option {
	return func(c *Client) { c.tokens = ts }
}

// WithMaxAttempts bounds how often one logical request is sent (first try
// included). Values below 1 mean 1.
func WithMaxAttempts(n int) Option {
	return func(c *Client) {
		if n < 1 {
			n = 1
		}
		c.maxAttempts = n
	}
}

// WithRequestTimeout bounds each attempt, reading the body included.
// Zero means no per-attempt limit (ctx still applies).
func WithRequestTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d < 0 {
			d = 0
		}
		c.timeout = d
	}
}

// WithSleeper replaces the wait between attempts, so tests need not sleep.
// The sleeper must return ctx's error when ctx ends first.
func WithSleeper(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) {
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithUserAgent sets the User-Agent header sent with every request.
func WithUserAgent(ua string) Option {
	return func(c *Client) {
		if ua != "" {
			c.userAgent = ua
		}
	}
}

// RequestOption adjusts one request sent with Do.
type RequestOption func(*request)

// Idempotent marks a POST that only reads, such as security/runHuntingQuery: it is
// retried like a GET. Transport failures and timeouts are retried with backoff, and so is
// a 500 whose code is UnknownError, which is how Graph answers a hunting query that ran
// out of time or resources (besides 504, retried for every request). Writes never take
// this option: a repeated POST could act twice.
func Idempotent() RequestOption {
	return func(r *request) {
		r.idempotent = true
		r.retryUnknownError = true
	}
}

// sleepCtx waits for d or until ctx ends, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// WithLimiter makes every HTTP attempt hold a slot of l, so that the number of requests
// in flight adapts to throttling (see AdaptiveLimiter). Time spent waiting for a slot is
// not charged to a request's time budget. nil (the default) means no limit.
func WithLimiter(l *AdaptiveLimiter) Option {
	return func(c *Client) { c.limiter = l }
}
