package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrForeignHost means a nextLink or an absolute URL pointed at a host other
// than the configured endpoint; it was not requested and no token was sent.
var ErrForeignHost = errors.New("refusing to send a request to a host other than the graph endpoint")

// ErrNextLinkLoop means a server sent a nextLink already visited in the same
// iteration; following it would never end.
var ErrNextLinkLoop = errors.New("@odata.nextLink points to a page already fetched")

// errDecode marks malformed response bodies: retrying will not fix them.
var errDecode = errors.New("malformed response")

// maxSnippet bounds, in bytes, how much of a non-JSON error body reaches a message.
const maxSnippet = 200

// maxMessage bounds an error envelope's message: Graph's are a sentence or two.
const maxMessage = 1 << 10

// APIError is a non-2xx answer from Graph (or a $batch sub-request).
type APIError struct {
	StatusCode      int
	Code            string // Graph's machine-readable code, e.g. "NotFound"
	Message         string
	RequestID       string
	ClientRequestID string
	Date            string
	RetryAfter      time.Duration // from Retry-After, capped; 0 when absent
	Method          string
	URL             string
	Claims          string // decoded claims of a 401 claims challenge, if any

	hasRetryAfter bool
}

// Error is one line: `GET /v1.0/...: 404 NotFound: Host not found (request-id: …, date: …)`.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Method != "" || e.URL != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, displayPath(e.URL))
	}
	code := e.Code
	if code == "" {
		code = http.StatusText(e.StatusCode)
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, oneLine(code))
	if e.Message != "" {
		b.WriteString(": " + oneLine(e.Message))
	}
	var ids []string
	if e.RequestID != "" {
		ids = append(ids, "request-id: "+oneLine(e.RequestID))
	}
	if e.Date != "" {
		ids = append(ids, "date: "+errorDate(e.Date))
	}
	if len(ids) > 0 {
		b.WriteString(" (" + strings.Join(ids, ", ") + ")")
	}
	return b.String()
}

// errorDate writes the time of an error in one format, RFC 3339 in UTC, whether Graph
// gave it in the error body (2026-11-30T07:29:40, UTC without a zone) or only as the
// HTTP Date header (Mon, 30 Nov 2026 07:29:40 GMT). Anything else is shown as sent.
func errorDate(s string) string {
	s = oneLine(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", http.TimeFormat, time.RFC1123Z} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return s
}

// IsNotFound reports a 404 anywhere in err's chain.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsForbidden reports a 403 (licence or ThreatIntelligence.Read.All missing).
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsUnauthorized reports a 401.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsThrottled reports a 429 (left after every retry).
func IsThrottled(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsUnknownError reports a 500 or 504 whose code is UnknownError: what Graph answers when
// a hunting query ran out of time or resources (microsoft-graph-docs-contrib issues #1446
// and #1648).
func IsUnknownError(err error) bool {
	var e *APIError
	return errors.As(err, &e) && strings.EqualFold(e.Code, "UnknownError") &&
		(e.StatusCode == http.StatusInternalServerError || e.StatusCode == http.StatusGatewayTimeout)
}

func hasStatus(err error, code int) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == code
}

// errorEnvelope is Graph's error body. innerError is spelled both ways.
type errorEnvelope struct {
	Error *struct {
		Code       string     `json:"code"`
		Message    string     `json:"message"`
		InnerError *innerInfo `json:"innerError"`
		InnerLower *innerInfo `json:"innererror"`
	} `json:"error"`
}

type innerInfo struct {
	Date            string `json:"date"`
	RequestID       string `json:"request-id"`
	ClientRequestID string `json:"client-request-id"`
}

// newAPIError decodes an error response. It never fails: whatever the body
// holds, the status and the headers still make a usable error.
func newAPIError(method, url string, status int, h http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, URL: url}
	e.fromEnvelope(body)
	e.fromHeaders(h)
	if e.Code == "" && e.Message == "" {
		e.Message = snippet(body)
	}
	e.Code, e.Message = redactSecrets(e.Code), redactSecrets(e.Message)
	if len(e.Message) > maxMessage { // an envelope is server text too: one line, bounded
		e.Message = cutUTF8(e.Message, maxMessage) + "…"
	}
	return e
}

func (e *APIError) fromEnvelope(body []byte) {
	var env errorEnvelope
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		return
	}
	e.Code, e.Message = env.Error.Code, env.Error.Message
	inner := env.Error.InnerError
	if inner == nil {
		inner = env.Error.InnerLower
	}
	if inner != nil {
		e.Date, e.RequestID, e.ClientRequestID = inner.Date, inner.RequestID, inner.ClientRequestID
	}
}

// fromHeaders fills what the envelope lacked (proxies and gateways answer
// without Graph's envelope but Graph's front door still sets the headers).
func (e *APIError) fromHeaders(h http.Header) {
	if h == nil {
		return
	}
	if e.RequestID == "" {
		e.RequestID = h.Get("request-id")
	}
	if e.ClientRequestID == "" {
		e.ClientRequestID = h.Get(clientRequestHdr)
	}
	if e.Date == "" {
		e.Date = h.Get("Date")
	}
	e.RetryAfter, e.hasRetryAfter = parseRetryAfter(h.Get("Retry-After"), time.Now())
	if e.StatusCode == http.StatusUnauthorized {
		e.Claims = claimsChallenge(h.Values("WWW-Authenticate"))
	}
}

// snippet turns a non-JSON body (an HTML error page, a proxy message) into a short
// single line: tags and escape sequences dropped, whitespace collapsed, secrets
// redacted, at most maxSnippet bytes cut on a rune boundary.
func snippet(body []byte) string {
	s := cutUTF8(string(body), 8<<10)
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Join(strings.Fields(oneLine(stripTags(s))), " ")
	s = redactSecrets(s) // before cutting, so that no half secret survives the cut
	if len(s) > maxSnippet {
		s = cutUTF8(s, maxSnippet) + "…"
	}
	return s
}

func stripTags(s string) string {
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
			b.WriteRune(' ')
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return b.String()
}
