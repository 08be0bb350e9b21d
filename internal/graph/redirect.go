package graph

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// maxRedirects bounds same-origin redirects: Graph does not redirect, so a few are
// generous and a loop ends at once instead of after Go's ten (times every retry).
const maxRedirects = 3

// ErrRedirect is in the chain of every refused redirect (see RedirectError).
var ErrRedirect = errors.New("redirect refused")

// RedirectError is a redirect the client refused to follow: one that leaves the
// configured origin (scheme, host and port, so an https → http downgrade too), or one
// too many. Nothing was sent to the target; it is not retried.
type RedirectError struct {
	Status int    // the 3xx that asked for it
	To     string // the target's origin (scheme://host:port), never its path or query
	Loop   bool   // too many redirects rather than a foreign target
}

func (e *RedirectError) Error() string {
	if e.Loop {
		return fmt.Sprintf("%s: more than %d redirects (the last a %d to %s)", ErrRedirect, maxRedirects, e.Status, e.To)
	}
	return fmt.Sprintf("%s: a %d to %s leaves the graph endpoint", ErrRedirect, e.Status, e.To)
}

func (e *RedirectError) Unwrap() error { return ErrRedirect }

// checkRedirect follows a redirect only within the configured origin, so that neither a
// token, nor a $batch body (a 307 or 308 re-sends it), nor the trust in the answer ever
// moves to another host or to plain http. prev is the caller's own policy, asked after ours.
func (c *Client) checkRedirect(prev func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		to := originOf(req.URL)
		if !sameOrigin(req.URL, c.origin) {
			return &RedirectError{Status: status, To: to}
		}
		if len(via) > maxRedirects {
			return &RedirectError{Status: status, To: to, Loop: true}
		}
		if prev != nil {
			return prev(req, via)
		}
		return nil
	}
}

// originOf prints scheme://host:port of u, with the effective port, for messages.
func originOf(u *url.URL) string {
	if u == nil {
		return ""
	}
	return fmt.Sprintf("%s://%s:%s", oneLine(u.Scheme), oneLine(u.Hostname()), effectivePort(u))
}
