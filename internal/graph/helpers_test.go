package graph

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const stubDate = "Mon, 01 Jan 2024 00:00:00 GMT"

// recorder is a stub Graph: it answers with handle and remembers requests.
type recorder struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
	handle func(w http.ResponseWriter, r *http.Request, n int)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body := readAll(r)
	rec.mu.Lock()
	n := len(rec.reqs)
	rec.reqs = append(rec.reqs, r)
	rec.bodies = append(rec.bodies, body)
	rec.mu.Unlock()
	w.Header().Set("Date", stubDate) // stable error messages
	rec.handle(w, r.WithContext(context.WithValue(r.Context(), bodyKey{}, body)), n)
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.reqs)
}

func (rec *recorder) req(i int) *http.Request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.reqs[i]
}

// sleeps records every wait the client asked for instead of sleeping, and moves its
// clock on by that much: the client's budget and throttle gate read that clock.
type sleeps struct {
	mu    sync.Mutex
	d     []time.Duration
	clock time.Time
}

func newSleeps() *sleeps { return &sleeps{clock: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.clock = s.clock.Add(max(d, 0))
	s.mu.Unlock()
	return ctx.Err()
}

// now is the fake clock: it moves only when the client sleeps (or a test advances it).
func (s *sleeps) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock
}

// advance moves the clock as if a request had taken d.
func (s *sleeps) advance(d time.Duration) {
	s.mu.Lock()
	s.clock = s.clock.Add(d)
	s.mu.Unlock()
}

func (s *sleeps) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// stub starts a server with handle and a client pointed at it whose jitter
// is neutral, so backoff values are exact.
func stub(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int), opts ...Option) (*Client, *recorder, *sleeps, *httptest.Server) {
	t.Helper()
	rec := &recorder{handle: handle}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	sl := newSleeps()
	all := append([]Option{WithEndpoint(srv.URL), WithTokenSource(StaticToken("tok")), WithSleeper(sl.sleep)}, opts...)
	c := New(all...)
	c.jitter = func() float64 { return 0.5 }
	c.now = sl.now
	return c, rec, sl, srv
}

func readAll(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	var buf []byte
	b := make([]byte, 4096)
	for {
		n, err := r.Body.Read(b)
		buf = append(buf, b[:n]...)
		if err != nil {
			return buf
		}
	}
}

func collect(t *testing.T, c *Client, path string) ([]string, []error) {
	t.Helper()
	var items []string
	var errs []error
	for p, err := range c.Pages(context.Background(), path, nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, it := range p.Items {
			items = append(items, string(it))
		}
	}
	return items, errs
}

// shownDate is stubDate as error messages show it: RFC 3339 in UTC, the one format
// whether Graph sent the date in the error body or only as the Date header.
const shownDate = "2024-01-01T00:00:00Z"
