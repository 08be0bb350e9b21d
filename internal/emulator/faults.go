package emulator

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// faultHosts are reserved host keys that make any hosts/{id}[/...] request fail in a fixed
// way, so clients can test retries, error mapping, paging guards and timeouts. It is the one
// table of faults: grow it here and in README.md. In a $batch, an envelope fault answers the
// item; a fault that breaks the HTTP response itself (reset, truncated, huge, slow, ...) breaks
// the whole $batch response that carries the item, as a failing proxy would.
var faultHosts = lazy.Value[map[string]fault]{New: func() map[string]fault {
	return map[string]fault{
		// Always throttled; Retry-After 0 so retrying tests do not wait.
		"throttled.fault.test": {status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Too many requests.", retryAfter: "0"},
		// Always throttled, Retry-After as an HTTP date: the emulator's current second.
		"throttled-date.fault.test": {kind: faultRetryAfterDate, status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Too many requests."},
		// Always unavailable.
		"unavailable.fault.test": {status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0"},
		// 503 on the first request of each path, then a normal host (data in hosts.json).
		"flaky.fault.test":     {status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0", once: true},
		"forbidden.fault.test": {status: http.StatusForbidden, code: "Forbidden", message: forbiddenMessage},
		"error.fault.test":     {status: http.StatusInternalServerError, code: "InternalServerError", message: "An internal server error occurred."},
		// A gateway's 502: an HTML page, no Graph envelope, but the front door's request-id header.
		"bad-gateway.fault.test": {kind: faultStatusHTML, status: http.StatusBadGateway},
		// 504 from Graph's front door, Retry-After 0.
		"gateway-timeout.fault.test": {status: http.StatusGatewayTimeout, code: "GatewayTimeout", message: "The gateway did not receive a response in time.", retryAfter: "0"},

		// Broken 200 answers.
		"reset.fault.test":        {kind: faultReset},
		"truncated.fault.test":    {kind: faultTruncated},
		"invalid-json.fault.test": {kind: faultInvalid},
		"html.fault.test":         {kind: faultHTML200},
		"empty.fault.test":        {kind: faultEmpty},
		"huge.fault.test":         {kind: faultHuge},
		"slow.fault.test":         {kind: faultSlow},

		// Collections (e.g. hosts/loop.fault.test/passiveDns) whose paging misbehaves.
		"loop.fault.test":         {kind: faultLoop},
		"foreign-link.fault.test": {kind: faultForeign},
		// Each bearer token may make expiringAfter requests for this host; then every request
		// with it answers 401 with a claims challenge, until the client signs in again.
		"expiring.fault.test": {kind: faultExpiring},
	}
}}

type faultKind int

const (
	faultEnvelope       faultKind = iota // an error status with Graph's error envelope
	faultRetryAfterDate                  // like faultEnvelope, Retry-After as an HTTP date
	faultStatusHTML                      // an error status with an HTML page
	faultReset                           // 200, half the body, then the connection is closed
	faultTruncated                       // 200, a complete response whose JSON stops mid-value
	faultInvalid                         // 200, a body that is not JSON syntax
	faultHTML200                         // 200, text/html error page
	faultEmpty                           // 200, no body at all
	faultHuge                            // 200, a hugeBytes collection page, streamed
	faultSlow                            // 200 headers, then the body after slowFor
	faultLoop                            // a collection page whose nextLink is itself
	faultForeign                         // a collection page whose nextLink is on another host
	faultExpiring                        // 401 + claims challenge after expiringAfter requests per token
)

const (
	hugeBytes     = 100 << 20
	slowFor       = 30 * time.Second
	expiringAfter = 2
	faultPageSize = 1 // records per page of the fault collections
	faultRecords  = 5 // records in a fault collection
)

type fault struct {
	kind       faultKind
	status     int
	code       string
	message    string
	retryAfter string
	once       bool // fail only the first request of each path
}

// breaksResponse says whether the fault breaks the HTTP response rather than answering
// with a status: in a $batch it takes the whole batch response down.
func (f fault) breaksResponse() bool {
	switch f.kind {
	case faultReset, faultTruncated, faultInvalid, faultHTML200, faultEmpty, faultHuge, faultSlow:
		return true
	}
	return false
}

// faultState remembers which paths a "once" fault has already failed and how many requests
// each token made to the expiring host.
type faultState struct {
	mu       sync.Mutex
	seen     map[string]bool
	tokenUse map[string]int
}

func newFaultState() *faultState {
	return &faultState{seen: map[string]bool{}, tokenUse: map[string]int{}}
}

// lookup returns the fault of host, if it is a fault host.
func lookupFault(host string) (fault, bool) {
	f, ok := faultHosts.Get()[strings.ToLower(host)]
	return f, ok
}

// check returns the envelope error to answer for host on this request path, if any.
// Faults of other kinds are served by serveFault.
func (s *faultState) check(f fault, pathKey string, now time.Time) *apiError {
	switch f.kind {
	case faultEnvelope, faultRetryAfterDate:
	default:
		return nil
	}
	if f.once {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.seen[pathKey] {
			return nil
		}
		s.seen[pathKey] = true
	}
	ae := &apiError{status: f.status, code: f.code, message: f.message, retryAfter: f.retryAfter}
	if f.kind == faultRetryAfterDate {
		ae.retryAfter = now.UTC().Format(http.TimeFormat)
	}
	return ae
}

// expired counts one request of token to the expiring host and reports whether the token
// has used up its requests.
func (s *faultState) expired(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenUse[token]++
	return s.tokenUse[token] > expiringAfter
}

// serveFault answers a request for a fault host whose fault is not a plain error envelope.
// collection says whether the path names a collection (hosts/{id}/passiveDns...). It
// reports false when the request should be served normally.
func (e *Emulator) serveFault(w http.ResponseWriter, r *http.Request, f fault, host string, collection bool) bool {
	switch f.kind {
	case faultEnvelope, faultRetryAfterDate:
		return false
	case faultStatusHTML:
		e.stampHeaders(w, r)
		writeRaw(w, f.status, "text/html; charset=utf-8", []byte(gatewayPage))
	case faultLoop, faultForeign, faultExpiring:
		e.serveFaultCollection(w, r, f, host, collection)
	default:
		e.breakResponse(w, r, f)
	}
	return true
}

// breakResponse writes a 200 answer broken the way f says.
func (e *Emulator) breakResponse(w http.ResponseWriter, r *http.Request, f fault) {
	e.stampHeaders(w, r)
	const head = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#fault","value":[{"@odata.type":"#microsoft.graph.security.passiveDnsRecord","id":"`
	switch f.kind {
	case faultReset:
		w.Header().Set("Content-Length", "4096")
		w.Header().Set("Content-Type", jsonContentType)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(head))
		abortConnection(w)
	case faultTruncated:
		writeRaw(w, http.StatusOK, jsonContentType, []byte(head+"cut-he"))
	case faultInvalid:
		writeRaw(w, http.StatusOK, jsonContentType, []byte(`{"@odata.context":"x","value":[{"id":'single-quoted',}]}`))
	case faultHTML200:
		writeRaw(w, http.StatusOK, "text/html; charset=utf-8", []byte(gatewayPage))
	case faultEmpty:
		writeRaw(w, http.StatusOK, jsonContentType, nil)
	case faultHuge:
		streamHuge(w, r)
	case faultSlow:
		w.Header().Set("Content-Type", jsonContentType)
		w.WriteHeader(http.StatusOK)
		flush(w)
		t := time.NewTimer(slowFor)
		defer t.Stop()
		select {
		case <-t.C:
			_, _ = w.Write([]byte(`{"value":[]}`))
		case <-r.Context().Done():
		}
	}
}

const jsonContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8"

// gatewayPage is what a load balancer answers instead of Graph.
const gatewayPage = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>\n"

func writeRaw(w http.ResponseWriter, status int, contentType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func flush(w http.ResponseWriter) {
	_ = http.NewResponseController(w).Flush()
}

// abortConnection cuts the connection mid-body: HTTP/1.1 connections are hijacked and
// closed; HTTP/2 streams are reset by aborting the handler.
func abortConnection(w http.ResponseWriter) {
	flush(w)
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

// streamHuge writes one collection page of at least hugeBytes, chunk by chunk, without
// holding it in memory or announcing its length; it stops when the client goes away.
func streamHuge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(http.StatusOK)
	buf := []byte(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#fault","value":[`)
	rec := `{"@odata.type":"#microsoft.graph.security.passiveDnsRecord","recordType":"A","parentHost":{"id":"huge.fault.test"},"artifact":{"id":"` + strings.Repeat("x", 900) + `"}}`
	first := true
	for written := 0; written < hugeBytes; {
		for len(buf) < 64<<10 {
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = append(buf, rec...)
		}
		n, err := w.Write(buf)
		written += n
		if err != nil || r.Context().Err() != nil {
			return
		}
		buf = buf[:0]
	}
	_, _ = w.Write([]byte("]}"))
}

// serveFaultCollection serves the paging faults: faultRecords synthetic passive DNS records,
// faultPageSize per page.
func (e *Emulator) serveFaultCollection(w http.ResponseWriter, r *http.Request, f fault, host string, collection bool) {
	if f.kind == faultExpiring {
		tok, _ := bearerToken(r.Header.Get("Authorization"))
		if e.faults.expired(tok) {
			ae := unauthorized("Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenExpired")
			ae.authHeader = claimsHeader()
			e.writeAPIError(w, r, ae)
			return
		}
	}
	if !collection {
		e.writeAPIError(w, r, badRequest("The fault host '%s' serves collections only, e.g. hosts/%s/passiveDns.", host, host))
		return
	}
	q, ae := parseQuery(r.URL.RawQuery)
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	p := newPage(faultRecords, q, faultPageSize)
	var link string
	switch f.kind {
	case faultLoop:
		link = loopLink(r)
	case faultForeign:
		link = requestURL(r, foreignHost(r.Host))
	default:
		if p.more {
			link = nextLink(r, q, p)
		}
	}
	e.stampHeaders(w, r)
	buf := []byte(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.security.passiveDnsRecord)"`)
	if link != "" {
		buf = append(buf, `,"@odata.nextLink":`...)
		buf = appendJSONString(buf, link)
	}
	buf = append(buf, `,"value":[`...)
	for i := p.start; i < p.end; i++ {
		if i > p.start {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"@odata.type":"#microsoft.graph.security.passiveDnsRecord","id":"`...)
		buf = append(buf, host+"-"+strconv.Itoa(i)...)
		buf = append(buf, `","recordType":"A","parentHost":{"id":"`...)
		buf = append(buf, host...)
		buf = append(buf, `"},"artifact":{"@odata.type":"#microsoft.graph.security.ipAddress","id":"192.0.2.`...)
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		buf = append(buf, `"}}`...)
	}
	buf = append(buf, "]}"...)
	writeBody(w, http.StatusOK, buf)
}

// loopLink is the request's own URL, spelled differently ($ escaped as %24, query reordered)
// so that only a client that compares URLs by meaning notices it has been there.
func loopLink(r *http.Request) string {
	q := r.URL.Query()
	raw := strings.ReplaceAll(q.Encode(), "$", "%24")
	u := requestURL(r, r.Host)
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if raw != "" {
		u += "?" + raw
	}
	return u
}

// requestURL is the absolute URL of r on host.
func requestURL(r *http.Request, host string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}).String()
}

// foreignHost is another name for the same listener (so a client that follows the link
// would reach the emulator and be seen doing so), never the name the client used.
func foreignHost(host string) string {
	h, port, ok := strings.Cut(host, ":")
	other := "localhost"
	if strings.EqualFold(h, "localhost") {
		other = "127.0.0.1"
	}
	if ok {
		return other + ":" + port
	}
	return other
}

// claimsHeader is the WWW-Authenticate value of a continuous-access-evaluation challenge.
func claimsHeader() string {
	return bearerRealm + `, error="insufficient_claims", claims="` + base64.StdEncoding.EncodeToString([]byte(claimsJSON)) + `"`
}
