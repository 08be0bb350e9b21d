// Package graph is a thin Microsoft Graph client for the threat-intelligence
// API: plain net/http, a retry → auth → caller's transport chain, typed
// errors, lazy paging and JSON batching.
package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	defaultEndpoint    = "https://graph.microsoft.com"
	defaultVersion     = "v1.0"
	defaultMaxAttempts = 5
	defaultTimeout     = 30 * time.Second
	defaultUserAgent   = "mdti"
)

// TokenSource supplies bearer tokens. claims is "" normally; after a 401
// carrying a claims challenge the client asks once more with the decoded
// claims JSON and retries the request once.
type TokenSource interface {
	Token(ctx context.Context, claims string) (string, error)
}

// StaticToken is a fixed bearer token (MDTI_TOKEN). It cannot answer a
// claims challenge: it returns itself regardless.
type StaticToken string

// Token implements TokenSource.
func (t StaticToken) Token(context.Context, string) (string, error) { return string(t), nil }

// Client talks to one Graph endpoint and API version. It is safe for
// concurrent use.
type Client struct {
	endpoint    string
	version     string
	baseHTTP    *http.Client
	tokens      TokenSource
	maxAttempts int
	timeout     time.Duration
	sleep       func(context.Context, time.Duration) error
	now         func() time.Time // the budget's and the throttle gate's clock
	limiter     *AdaptiveLimiter // nil: no adaptive concurrency
	userAgent   string
	jitter      func() float64
	throttle    throttleGate // shared by every request of this client
	sentTokens  tokenMemo    // tokens sent, redacted from every message
	// withTimeout bounds an attempt; context.WithTimeout outside tests, which swap it to
	// end an attempt without waiting for the wall clock.
	withTimeout func(context.Context, time.Duration) (context.Context, context.CancelFunc)

	origin  *url.URL // scheme and host of the endpoint, the only place tokens go
	base    string   // origin + "/" + version, no trailing slash
	hc      *http.Client
	initErr error // a bad endpoint is reported by every call, New cannot fail
}

// Response is a raw HTTP response with its body fully read. Error statuses
// come with a Response too, next to the *APIError.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// New builds a Client. Defaults: https://graph.microsoft.com, v1.0, 5
// attempts, 30 s per attempt, http.DefaultTransport, no token.
func New(opts ...Option) *Client {
	c := &Client{
		endpoint:    defaultEndpoint,
		version:     defaultVersion,
		maxAttempts: defaultMaxAttempts,
		timeout:     defaultTimeout,
		sleep:       sleepCtx,
		now:         time.Now,
		userAgent:   defaultUserAgent,
		jitter:      rand.Float64,
		withTimeout: context.WithTimeout,
	}
	for _, o := range opts {
		o(c)
	}
	c.origin, c.initErr = parseOrigin(c.endpoint)
	if c.initErr == nil && c.tokens != nil {
		c.initErr = checkPlainHTTP(c.origin)
	}
	if c.initErr == nil {
		c.base = c.origin.String() + "/" + c.version
	}
	c.hc = c.buildHTTPClient()
	return c
}

// buildHTTPClient copies the caller's client and wraps its transport with
// auth. A debug log belongs in the caller's transport (cmd wires
// internal/httplog there): below auth, it sees the Authorization header and
// redacts it. The copy follows redirects only within the endpoint's origin; the
// caller's client is left as it was.
func (c *Client) buildHTTPClient() *http.Client {
	var hc http.Client
	if c.baseHTTP != nil {
		hc = *c.baseHTTP
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = &authTransport{next: next, tokens: c.tokens, origin: c.origin, sent: &c.sentTokens}
	hc.CheckRedirect = c.checkRedirect(hc.CheckRedirect)
	return &hc
}

// APIVersion returns "v1.0" or "beta" (whatever was configured).
func (c *Client) APIVersion() string { return c.version }

// BaseURL returns the version root, e.g. https://graph.microsoft.com/v1.0.
func (c *Client) BaseURL() string { return c.base }

// Get fetches one entity and returns it as a compact JSON object without
// @odata annotations (except @odata.type) and without beta's {"value": {...}}
// wrapper.
func (c *Client) Get(ctx context.Context, path string, q url.Values) (json.RawMessage, error) {
	u, err := c.resolve(path, q)
	if err != nil {
		return nil, err
	}
	resp, err := c.send(ctx, &request{method: http.MethodGet, url: u})
	if err != nil {
		return nil, err
	}
	obj, err := NormalizeEntity(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w%s%s", displayPath(u), err, notJSON(resp),
			traceIDs(resp.Header, resp.Header.Get(clientRequestHdr)))
	}
	return obj, nil
}

// notJSON describes a body that is not JSON at all (an empty body, a proxy's HTML page),
// so the message says what came instead; "" for a JSON content type.
func notJSON(resp *Response) string {
	ct := resp.Header.Get("Content-Type")
	switch {
	case len(bytes.TrimSpace(resp.Body)) == 0:
		return ": the body is empty"
	case ct != "" && !strings.Contains(strings.ToLower(ct), "json"):
		mt, _, _ := strings.Cut(ct, ";")
		return fmt.Sprintf(": got %s instead of JSON: %s", oneLine(mt), snippet(resp.Body))
	}
	return ""
}

// Do sends any request, as `mdti api` needs: path is relative to the version
// root (it may carry a query) or an absolute URL on the configured host.
// A non-2xx status returns both the Response and an *APIError.
//
// A POST is sent once unless a RequestOption (Idempotent) says it only reads.
func (c *Client) Do(ctx context.Context, method, path string, body []byte, header http.Header, opts ...RequestOption) (*Response, error) {
	u, err := c.resolve(path, nil)
	if err != nil {
		return nil, err
	}
	if method == "" {
		method = http.MethodGet
	}
	h := header.Clone()
	if len(body) > 0 && h.Get("Content-Type") == "" {
		if h == nil {
			h = http.Header{}
		}
		h.Set("Content-Type", "application/json")
	}
	r := &request{method: strings.ToUpper(method), url: u, body: body, header: h}
	for _, o := range opts {
		o(r)
	}
	return c.send(ctx, r)
}

// resolve turns a version-relative path (or an absolute URL on our host)
// plus query options into an absolute URL. The path is used as given: callers
// escape identifiers with Segment/TIPath.
func (c *Client) resolve(path string, q url.Values) (string, error) {
	if c.initErr != nil {
		return "", c.initErr
	}
	var u string
	if isAbsoluteURL(path) {
		if err := c.checkOrigin(path); err != nil {
			return "", err
		}
		u = path
	} else {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		u = c.base + path
	}
	if enc := encodeQuery(q); enc != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + enc
	}
	return u, nil
}

func isAbsoluteURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// checkOrigin refuses URLs whose scheme, host or port differ from the
// endpoint: tokens must never leave for another host (docs/reference.md §6).
func (c *Client) checkOrigin(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("url %q: %w", raw, err)
	}
	if !sameOrigin(u, c.origin) {
		return fmt.Errorf("%w: %s://%s is not %s", ErrForeignHost, u.Scheme, u.Host, c.origin)
	}
	return nil
}

// sameOrigin compares scheme, host and effective port, case-insensitively.
func sameOrigin(u, origin *url.URL) bool {
	if u == nil || origin == nil || u.User != nil {
		return false
	}
	return strings.EqualFold(u.Scheme, origin.Scheme) &&
		strings.EqualFold(u.Hostname(), origin.Hostname()) &&
		effectivePort(u) == effectivePort(origin)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// encodeQuery encodes like url.Values.Encode but keeps the "$" of OData
// system options readable ($top, not %24top); Graph accepts both.
func encodeQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	enc := q.Encode()
	parts := strings.Split(enc, "&")
	for i, p := range parts {
		if strings.HasPrefix(p, "%24") {
			parts[i] = "$" + p[3:]
		}
	}
	return strings.Join(parts, "&")
}

// displayPath is the URL without scheme and host, for error messages.
func displayPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.EscapedPath()
}

var errNotObject = errors.New("response is not a JSON object")
