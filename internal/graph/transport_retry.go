package graph

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	backoffBase      = 500 * time.Millisecond
	backoffMax       = 30 * time.Second
	retryAfterMax    = 60 * time.Second
	maxErrorBody     = 1 << 20  // error bodies are kept for `mdti api`, bounded
	maxResponseBody  = 32 << 20 // far above any Graph page; bounds memory against a hostile server
	jitterFraction   = 0.2
	clientRequestHdr = "client-request-id"
)

// request is one logical request; send may transmit it several times.
type request struct {
	method string
	url    string
	body   []byte
	header http.Header
	// consume, when set, reads a 2xx body inside the attempt's deadline
	// (Pages streams its decoder here); otherwise the body is read whole.
	consume func(r io.Reader) error
	// heldUntil, when set, is the end of the shared gate's hold that this request's own
	// 429 set and the caller has just waited out: only a longer hold by others is waited for.
	heldUntil time.Time
	// retry marks a request that carries what was sent before and turned away (the
	// throttled items of a $batch, sent again): it goes before new requests for a slot.
	retry bool
	// turn, when set, is the request's place among those a 429 sent back (QueueRetry),
	// for its first attempt; send leaves it once that attempt has its slot.
	turn *RetryTurn
	// idempotent marks a POST that is safe to repeat: a $batch of GETs, or a request
	// sent with the Idempotent option.
	idempotent bool
	// retryUnknownError retries a 500 UnknownError too (Idempotent): a read-only query
	// that failed for lack of time or resources may pass on another try.
	retryUnknownError bool
	// budget, when set, is the caller's (Batch shares one across its rounds).
	budget *budget
	// throttled, when set, says after a 2xx whether the body reported a 429 (a $batch
	// item), for the adaptive limiter.
	throttled func(body []byte) bool
}

// send runs the retry loop: 429, 503 and 504 are retried honouring
// Retry-After, transport failures of GET/HEAD with backoff; everything else
// is returned at once. One client-request-id covers all attempts so that
// Microsoft support can correlate them.
//
// All attempts together get --timeout × attempts (docs/reference.md §7): a server that
// never answers costs that much, not that plus every backoff. Waiting at the shared 429
// gate or for a concurrency slot is not charged (see budget).
func (c *Client) send(parent context.Context, r *request) (*Response, error) {
	reqID := newUUID()
	b := r.budget
	if b == nil {
		b = c.newBudget()
	}
	held := r.heldUntil
	turn := r.turn
	defer func() { turn.Leave() }() // whatever path ends the request
	for attempt := 1; ; attempt++ {
		ticket, err := c.admit(parent, b, r, held, r.retry || attempt > 1, turn)
		turn.Leave()
		if err != nil {
			return nil, c.gaveUp(attempt-1, b, "", err)
		}
		resp, err := c.attempt(parent, b.attemptLimit(c.timeout), r, reqID)
		c.release(ticket, r, resp, err)
		if err == nil {
			return resp, nil
		}
		if ctxErr := parent.Err(); ctxErr != nil {
			if errors.Is(ctxErr, context.Canceled) {
				return resp, fmt.Errorf("%s %s: %w", r.method, displayPath(r.url), ctxErr)
			}
			return resp, c.gaveUp(attempt, b, "the caller's deadline passed", err)
		}
		wait, retry := c.retryDelay(r, err, attempt)
		if !retry {
			return resp, err
		}
		held = c.noteThrottle(err, wait)
		turn = c.queueRetry(held, attempt)
		if attempt >= c.maxAttempts {
			return resp, c.gaveUp(attempt, b, "", err)
		}
		if why := b.tooLong(wait, waitName(err, wait)); why != "" {
			return resp, c.gaveUp(attempt, b, why, err)
		}
		if !fitsDeadline(parent, wait) {
			return resp, c.gaveUp(attempt, b, waitName(err, wait)+" goes past the caller's deadline", err)
		}
		if serr := c.sleep(parent, wait); serr != nil {
			return resp, fmt.Errorf("%s %s: waiting to retry: %w", r.method, displayPath(r.url), serr)
		}
	}
}

// gaveUp wraps the last error of a request worth retrying that ran out of attempts or
// of time. A request allowed a single attempt just fails with its error.
func (c *Client) gaveUp(attempts int, b *budget, reason string, last error) error {
	if attempts <= 1 && reason == "" {
		return last
	}
	return &RetryError{Attempts: attempts, Elapsed: b.elapsed(), Reason: reason, Last: last}
}

// admit waits at the shared 429 gate, then for a slot of the adaptive limiter (a retry
// ahead of new requests); neither
// wait is charged to the request's budget. A gate that stays closed longer than the
// budget has left ends the request at once, as throttled: the user's --timeout says how
// long a request may take, and Graph said it will not answer sooner.
func (c *Client) admit(ctx context.Context, b *budget, r *request, held time.Time, retry bool, turn *RetryTurn) (Ticket, error) {
	if d := c.throttle.remaining(c.now(), held); d > 0 {
		if why := b.tooLong(d, "the shared wait after a 429 ("+fmtDur(d)+")"); why != "" {
			return Ticket{}, &APIError{StatusCode: http.StatusTooManyRequests, Code: "TooManyRequests",
				Message: "not sent: " + why, Method: r.method, URL: r.url}
		}
	}
	var t Ticket
	err := b.unpaused(func() error {
		var ownHoldOver time.Time // after the first wait, only the gate's own end counts
		for ; ; held = ownHoldOver {
			// The gate as this request comes to it: a later end seen after the waits
			// below means a 429 closed it again meanwhile.
			passed := c.throttle.end()
			if err := c.waitThrottle(ctx, held); err != nil {
				return fmt.Errorf("%s %s: waiting out throttling: %w", r.method, displayPath(r.url), err)
			}
			if c.closedAgain(passed) {
				continue // another 429 during the wait: its Retry-After holds this one too
			}
			if c.limiter == nil {
				return nil
			}
			var err error
			if t, err = c.acquire(ctx, retry, turn); err != nil {
				return err
			}
			// A 429 closed the gate again while this request waited for its slot: sent
			// now, it would only be turned away and spend an attempt. It gives the slot
			// back and waits at the gate like the others.
			if !c.closedAgain(passed) {
				return nil
			}
			c.limiter.Release(t, false, false)
		}
	})
	return t, err
}

// acquire takes a limiter slot, a retry before new requests, a queued 429 retry in its turn.
func (c *Client) acquire(ctx context.Context, retry bool, turn *RetryTurn) (Ticket, error) {
	if retry || turn != nil {
		return c.limiter.AcquireRetry(ctx, turn)
	}
	return c.limiter.Acquire(ctx)
}

// queueRetry queues a request a 429 sent back after tries attempts (held is the end of
// its hold, zero after any other answer), when the client has a limiter; nil otherwise.
func (c *Client) queueRetry(held time.Time, tries int) *RetryTurn {
	if c.limiter == nil || held.IsZero() {
		return nil
	}
	return c.limiter.QueueRetry(tries)
}

// closedAgain says a 429 closed the shared gate after passed (its end when a request came
// to it) and the gate is still closed.
func (c *Client) closedAgain(passed time.Time) bool {
	return c.throttle.end().After(passed) && c.throttle.remaining(c.now(), time.Time{}) > 0
}

// release returns the attempt's slot, telling the limiter whether it was throttled.
func (c *Client) release(t Ticket, r *request, resp *Response, err error) {
	if c.limiter == nil {
		return
	}
	throttled := hasStatus(err, http.StatusTooManyRequests) ||
		(err == nil && r.throttled != nil && r.throttled(resp.Body))
	c.limiter.Release(t, err == nil, throttled)
}

// retryDelay says whether err is worth another attempt and how long to wait.
func (c *Client) retryDelay(r *request, err error, attempt int) (time.Duration, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if !retryableStatus(apiErr.StatusCode) && !(r.retryUnknownError && IsUnknownError(apiErr)) {
			return 0, false
		}
		wait := c.backoff(attempt)
		if apiErr.hasRetryAfter {
			wait = apiErr.RetryAfter
		}
		return wait, true
	}
	if r.method != http.MethodGet && r.method != http.MethodHead && !r.idempotent {
		return 0, false // the server may have acted on it; do not repeat
	}
	return c.backoff(attempt), retryableTransportError(err)
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable ||
		code == http.StatusGatewayTimeout
}

// retryableTransportError rules out failures that will not heal by waiting:
// token acquisition, TLS verification, refused hosts and redirects, a proxy that
// wants credentials.
func retryableTransportError(err error) bool {
	var tokErr *tokenError
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &tokErr), errors.As(err, &certErr), errors.As(err, &authErr),
		errors.As(err, &hostErr), errors.Is(err, ErrForeignHost), errors.Is(err, errDecode),
		errors.Is(err, ErrRedirect), errors.Is(err, ErrProxyAuth), IsEndpointError(err):
		return false
	}
	return true
}

// backoff is 500ms × 2^(attempt-1), ±20 % jitter so that parallel workers
// throttled together do not come back together.
func (c *Client) backoff(attempt int) time.Duration {
	d := backoffBase << min(attempt-1, 10)
	d = min(d, backoffMax)
	f := 1 + jitterFraction*(2*c.jitter()-1)
	return time.Duration(float64(d) * f)
}

// fitsDeadline is false when ctx would expire before the wait is over:
// sleeping only to fail with a deadline error would hide the real cause.
func fitsDeadline(ctx context.Context, wait time.Duration) bool {
	dl, ok := ctx.Deadline()
	return !ok || time.Until(dl) > wait
}

// parseRetryAfter reads delta-seconds or an HTTP date, capped so a hostile
// or confused server cannot park the CLI for hours.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		d = time.Duration(min(secs, int64(retryAfterMax/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = max(t.Sub(now), 0)
	} else {
		return 0, false
	}
	return min(d, retryAfterMax), true
}

// attempt sends the request once, bounded by limit (the per-attempt timeout or what is
// left of the budget, 0 for none), which also covers reading the body.
func (c *Client) attempt(ctx context.Context, limit time.Duration, r *request, reqID string) (*Response, error) {
	actx := ctx
	if limit > 0 {
		var cancel context.CancelFunc
		actx, cancel = c.withTimeout(ctx, limit)
		defer cancel()
	}
	req, err := c.newHTTPRequest(actx, r, reqID)
	if err != nil {
		return nil, err
	}
	hr, err := c.hc.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, actx, limit, r, err, reqID)
	}
	defer hr.Body.Close()
	resp := &Response{StatusCode: hr.StatusCode, Header: hr.Header}
	if hr.StatusCode < 200 || hr.StatusCode > 299 {
		resp.Body, _ = io.ReadAll(io.LimitReader(hr.Body, maxErrorBody))
		apiErr := newAPIError(r.method, r.url, hr.StatusCode, hr.Header, resp.Body)
		if apiErr.ClientRequestID == "" {
			apiErr.ClientRequestID = reqID // ours, even when Graph did not echo it
		}
		c.scrub(apiErr)
		return resp, apiErr
	}
	if err := c.readBody(r, hr.Body, resp); err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("no complete response within %s: %w", fmtDur(limit), err)
		}
		return resp, fmt.Errorf("%s %s: read response: %w%s", r.method, displayPath(r.url), err, traceIDs(hr.Header, reqID))
	}
	return resp, nil
}

// traceIDs names a response for support, as APIError does: Graph's request-id and date
// when it answered, else the client-request-id we sent.
func traceIDs(h http.Header, clientReqID string) string {
	var ids []string
	if v := h.Get("request-id"); v != "" {
		ids = append(ids, "request-id: "+oneLine(v))
		if d := h.Get("Date"); d != "" {
			ids = append(ids, "date: "+errorDate(d))
		}
	} else if clientReqID != "" {
		ids = append(ids, "client-request-id: "+oneLine(clientReqID))
	}
	if len(ids) == 0 {
		return ""
	}
	return " (" + strings.Join(ids, ", ") + ")"
}

// errTooLarge ends reading a body past maxResponseBody; it is not worth a retry.
var errTooLarge = fmt.Errorf("%w: body larger than %d MiB", errDecode, maxResponseBody>>20)

// capReader reads at most n bytes and fails with errTooLarge when the body has more.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, err := c.r.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// transportError names the request once: *url.Error would repeat the URL.
func (c *Client) transportError(ctx, actx context.Context, limit time.Duration, r *request, err error, reqID string) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	err = proxyAuthError(err)
	if actx.Err() != nil && ctx.Err() == nil {
		err = fmt.Errorf("no response within %s: %w", fmtDur(limit), err)
	}
	return fmt.Errorf("%s %s: %w%s", r.method, displayPath(r.url), err, traceIDs(nil, reqID))
}

func (c *Client) readBody(r *request, body io.Reader, resp *Response) error {
	body = &capReader{r: body, left: maxResponseBody}
	if r.consume != nil {
		rec := &readRecorder{r: body}
		err := r.consume(rec)
		if err != nil && rec.err == nil && !errors.Is(err, errDecode) {
			// The stream ended cleanly, so the body itself is malformed.
			err = fmt.Errorf("%w: %w", errDecode, err)
		}
		return err
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	resp.Body = b
	return nil
}

func (c *Client) newHTTPRequest(ctx context.Context, r *request, reqID string) (*http.Request, error) {
	var body io.Reader
	if len(r.body) > 0 {
		body = bytes.NewReader(r.body) // sets GetBody, so auth can replay it
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.method, r.url, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	for k, vs := range r.header {
		req.Header[http.CanonicalHeaderKey(k)] = vs
	}
	req.Header.Set(clientRequestHdr, reqID)
	req.Header.Set("return-client-request-id", "true")
	return req, nil
}

// readRecorder remembers a read failure (connection reset, timeout) so a
// decoder error caused by it can be told apart from a malformed body.
type readRecorder struct {
	r   io.Reader
	err error
}

func (rr *readRecorder) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	if err != nil && err != io.EOF {
		rr.err = err
	}
	return n, err
}
