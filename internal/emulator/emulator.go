// Package emulator serves Microsoft Graph security entity sets: the threat-intelligence
// endpoints from embedded sample data, and the other security sets (alerts, incidents, secure
// score, ...) from loaders, through one registry (registry.go). It is written from Microsoft's
// documentation, never from our Graph client, so that a misreading of the docs cannot be
// shared by both sides of a test.
package emulator

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures an Emulator. The zero value is usable.
type Options struct {
	// Latency is added to every Graph request (not to Fallback requests).
	Latency time.Duration
	// PageSize is the server-driven page size of collections (default 100).
	PageSize int
	// RateLimit is the number of Graph requests per second allowed by a token bucket;
	// 0 turns rate limiting off. Requests over it get 429 with Retry-After.
	RateLimit float64
	// RetryAfter is the Retry-After sent with a rate-limit 429, truncated to whole seconds.
	// The zero value means the default, 1s; to send "0" give any value below one second
	// other than zero (e.g. time.Nanosecond or -1).
	RetryAfter time.Duration
	// Seed makes request ids and other random values reproducible.
	Seed int64
	// ValidateToken checks a bearer token; nil accepts any non-empty token except the
	// reserved ones (see auth.go).
	ValidateToken func(token string) error
	// Fallback serves every path not under /v1.0/ or /beta/ (the Entra ID side);
	// nil answers 404 with the Graph error envelope.
	Fallback http.Handler
	// Now is the clock (default time.Now).
	Now func() time.Time
	// FailureRate is the fraction (0-1) of Graph requests, batch items included, answered
	// 503 with Retry-After 0, drawn from the seeded generator: faults for bulk tests.
	FailureRate float64
	// ShuffleBatchResponses returns $batch responses in a seeded random order instead of
	// request order; Graph does not promise any order, and clients must not rely on one.
	ShuffleBatchResponses bool
	// DocsLiteral serves the documentation's example payloads as written, quirks included:
	// beta and some v1.0 single entities wrapped in {"value": {...}}, beta vulnerability
	// booleans as strings, certificate alternateName, "#microsoft.graph.security.hostName".
	// The default serves what the resource tables say (what Microsoft's SDKs expect).
	DocsLiteral bool
	// Sets adds rows to the registry of entity sets, or replaces the built-in row with the
	// same Root (tests give the security sets data this way).
	Sets []EntitySet
	// Actions adds POST actions by path under the version root ("{id}" matches a key),
	// e.g. "security/runHuntingQuery".
	Actions map[string]ActionHandler
	// TiIndicatorsRetired makes every request on the beta tiIndicators entity set (list,
	// get, writes, actions) answer 404 "Resource not found for the segment
	// 'tiIndicators'.", as Graph answers a removed segment (SetTiIndicatorsRetired).
	TiIndicatorsRetired bool
	// EnforcePermissions checks the roles (app) or scp (user) claims of JWT bearer tokens
	// against the permissions each guarded family needs, answering 403 with Graph's
	// missing-permission message (permissions.go). Opaque tokens are never checked.
	EnforcePermissions bool
	// TenantMode is TenantNormal (""), TenantUnlicensed or TenantUnverified: the latter two
	// answer every threatIntelligence request 403 (tenant.go). New panics on another value.
	TenantMode string
	// RecentData moves the threat-intelligence sample data's dates (every *DateTime
	// property) forward by whole days, so that the newest observations fall just before
	// Now: `mdti --demo` sets it, so that "recent" examples (--since 30d) find records. It
	// does not apply in DocsLiteral mode, which serves the documentation's examples as
	// printed; tests leave it off for stable output.
	RecentData bool
}

// Request is one HTTP request the emulator received, kept for tests.
type Request struct {
	Method string
	// Path is the unescaped path; RawPath is the path as sent (escaped form).
	Path     string
	RawPath  string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Emulator is an http.Handler emulating Microsoft Graph security and threat intelligence.
// Its writes (PATCH, POST, DELETE) are its own: no other Emulator sees them.
type Emulator struct {
	opts       Options
	sets       *setStates   // the registry's entity sets, this instance's state
	literal    atomic.Bool  // Options.DocsLiteral, switchable by SetDocsLiteral
	tiRetired  atomic.Bool  // Options.TiIndicatorsRetired
	enforce    atomic.Bool  // Options.EnforcePermissions
	tenantMode atomic.Value // string, Options.TenantMode
	limiter    *tokenBucket
	faults     *faultState
	pageSize   atomic.Int64 // Options.PageSize, switchable by SetPageSize

	mu          sync.Mutex
	latency     time.Duration
	failureRate float64
	requests    []Request
	rng         *rand.Rand
	recentDays  int // days the sample data's dates move forward (Options.RecentData)
}

// New builds an Emulator. The embedded data is parsed once; a broken data file is a
// programming error caught by the package tests, so New reports it as an empty data set
// rather than panicking.
func New(opts Options) *Emulator {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 100
	}
	if opts.RetryAfter == 0 {
		opts.RetryAfter = time.Second
	}
	e := &Emulator{
		opts:        opts,
		latency:     opts.Latency,
		failureRate: opts.FailureRate,
		faults:      newFaultState(),
		rng:         rand.New(rand.NewPCG(uint64(opts.Seed), 0x6d647469)),
		limiter:     newTokenBucket(opts.RateLimit, opts.Now),
	}
	if opts.RecentData {
		e.recentDays = daysSinceSampleData(opts.Now())
	}
	e.literal.Store(opts.DocsLiteral)
	e.tiRetired.Store(opts.TiIndicatorsRetired)
	e.enforce.Store(opts.EnforcePermissions)
	if err := e.SetTenantMode(opts.TenantMode); err != nil {
		panic("emulator: " + err.Error()) // a test's typo, not a runtime condition
	}
	e.pageSize.Store(int64(opts.PageSize))
	e.sets = newSetStates(e)
	return e
}

// ServeHTTP dispatches Graph paths to the emulator and everything else to Fallback.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body := e.record(r)
	version, ok := graphVersion(r.URL.EscapedPath())
	if !ok {
		e.serveFallback(w, r, body)
		return
	}
	if !e.sleep(r) {
		return
	}
	if isBatchPath(r.URL.EscapedPath(), version) {
		e.serveBatch(w, r, version, body)
		return
	}
	e.serveGraph(w, r, version)
}

// serveFallback hands non-Graph paths to the Entra ID side, restoring the body we read.
func (e *Emulator) serveFallback(w http.ResponseWriter, r *http.Request, body []byte) {
	if e.opts.Fallback == nil {
		e.writeError(w, r, http.StatusNotFound, "NotFound", "Resource not found for the segment '"+firstSegment(r.URL.Path)+"'.")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	e.opts.Fallback.ServeHTTP(w, r)
}

// graphVersion reports the API version a path starts with.
func graphVersion(escapedPath string) (string, bool) {
	for _, v := range []string{"v1.0", "beta"} {
		if escapedPath == "/"+v || strings.HasPrefix(escapedPath, "/"+v+"/") {
			return v, true
		}
	}
	return "", false
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}

// tiData returns the threat-intelligence data of a version in this emulator's mode, parsed
// on first use.
func (e *Emulator) tiData(version string) *dataset {
	if e.recentDays != 0 && !e.docsLiteral() {
		return recentDatasets(e.recentDays)[version]
	}
	return sharedDatasets(e.docsLiteral())[version]
}

func (e *Emulator) docsLiteral() bool { return e.literal.Load() }

// SetDocsLiteral switches between the documentation's examples as written and the resource
// tables' forms (see Options.DocsLiteral) for the requests that follow; writes made so far
// show in both.
func (e *Emulator) SetDocsLiteral(on bool) { e.literal.Store(on) }

// SetPageSize changes the server-driven page size of the collections listed from now on
// (n < 1 restores the default, 100): stories page through small sets this way.
func (e *Emulator) SetPageSize(n int) {
	if n < 1 {
		n = 100
	}
	e.pageSize.Store(int64(n))
}

// record keeps a copy of the request for Requests and returns its body, decompressed when
// it came with Content-Encoding: gzip (the Go SDK's default for request bodies; Graph
// accepts it).
func (e *Emulator) record(r *http.Request) []byte {
	var body []byte
	header := r.Header.Clone() // as sent, Content-Encoding included
	if r.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
		r.Body.Close()
		body = decodeBody(r, body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.requests) >= maxRecorded {
		// A long-running `mdti emulator` must not grow without bound: keep the newest half.
		e.requests = append(e.requests[:0], e.requests[maxRecorded/2:]...)
	}
	e.requests = append(e.requests, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawPath:  r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Header:   header,
		Body:     body,
	})
	return body
}

// maxRecorded bounds the request log Requests returns; tests look at far fewer.
const maxRecorded = 50_000

// maxBodyBytes bounds what we read from a request: a $batch of 20 GETs is a few KB.
const maxBodyBytes = 4 << 20

// sleep waits the configured latency; it returns false when the client went away.
func (e *Emulator) sleep(r *http.Request) bool {
	e.mu.Lock()
	d := e.latency
	e.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// Requests returns the requests received so far, in order (the newest 25,000 to 50,000
// once more than 50,000 arrived).
func (e *Emulator) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Request, len(e.requests))
	copy(out, e.requests)
	return out
}

// ResetRequests forgets the recorded requests.
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests = nil
}

// SetLatency changes the latency added to every Graph request.
func (e *Emulator) SetLatency(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.latency = d
}

// SetFailureRate changes the fraction of requests answered 503 (see Options.FailureRate).
func (e *Emulator) SetFailureRate(rate float64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.failureRate = rate
}

// randomFailure draws whether this request fails with a transient 503.
func (e *Emulator) randomFailure() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.failureRate > 0 && e.rng.Float64() < e.failureRate
}

// SetRateLimit changes the rate limit (requests per second; 0 turns it off) and refills
// the bucket.
func (e *Emulator) SetRateLimit(rps float64) {
	e.limiter.setRate(rps)
}
