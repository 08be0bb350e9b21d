// Package httplog is the --debug HTTP trace shared by Graph and MSAL
// traffic. It redacts credentials wherever they can appear: headers, URL
// queries, form bodies and JSON bodies (token requests and responses).
package httplog

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// maxLoggedBody is the largest body printed; bigger ones are elided.
const maxLoggedBody = 4 << 10

const redacted = "[REDACTED]"

// sensitiveHeaders never appear in the log with their value.
var sensitiveHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
}

// NewTransport returns a RoundTripper that logs each exchange to w and
// passes it to next (http.DefaultTransport when nil). Bodies it inspects
// are handed on intact.
func NewTransport(next http.RoundTripper, w io.Writer) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &transport{next: next, w: w, now: time.Now}
}

type transport struct {
	next http.RoundTripper
	w    io.Writer
	now  func() time.Time
	mu   sync.Mutex // one entry per Write, entries never interleave
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := t.now()
	var b strings.Builder
	fmt.Fprintf(&b, "> %s %s\n", req.Method, redactURL(req.URL.String()))
	writeHeaders(&b, "> ", req.Header)
	if req.Body != nil && req.Body != http.NoBody {
		r := req.Clone(req.Context())
		var text string
		r.Body, text = peekBody(req.Body, req.Header.Get("Content-Type"))
		req = r
		b.WriteString(text)
	}
	t.write(b.String())

	resp, err := t.next.RoundTrip(req)
	elapsed := t.now().Sub(start).Round(time.Millisecond)
	if err != nil {
		t.write(fmt.Sprintf("< error after %s: %v\n", elapsed, err))
		return resp, err
	}
	t.write(t.responseEntry(resp, elapsed))
	return resp, nil
}

func (t *transport) responseEntry(resp *http.Response, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "< %s %s", resp.Proto, resp.Status)
	if id := resp.Header.Get("request-id"); id != "" {
		fmt.Fprintf(&b, " request-id: %s", id)
	}
	fmt.Fprintf(&b, " (%s)\n", elapsed)
	writeHeaders(&b, "< ", resp.Header)
	if resp.Body != nil && resp.Body != http.NoBody {
		var text string
		resp.Body, text = peekBody(resp.Body, resp.Header.Get("Content-Type"))
		b.WriteString(text)
	}
	return b.String()
}

func (t *transport) write(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _ = io.WriteString(t.w, s)
}

func writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
				v = redacted
			}
			fmt.Fprintf(b, "%s%s: %s\n", prefix, k, v)
		}
	}
}

// peekBody reads at most maxLoggedBody+1 bytes to describe the body and
// returns a reader that yields the whole body again, so nothing is consumed.
func peekBody(body io.ReadCloser, contentType string) (io.ReadCloser, string) {
	head, err := io.ReadAll(io.LimitReader(body, maxLoggedBody+1))
	restored := &readCloser{Reader: io.MultiReader(bytes.NewReader(head), body), Closer: body}
	if err != nil {
		restored.Reader = io.MultiReader(bytes.NewReader(head), errReader{err})
		return restored, fmt.Sprintf("  [body unreadable: %v]\n", err)
	}
	if len(head) > maxLoggedBody {
		return restored, fmt.Sprintf("  [body over %d bytes elided]\n", maxLoggedBody)
	}
	if len(head) == 0 {
		return restored, ""
	}
	return restored, describe(head, contentType)
}

// describe renders a small body: redacted forms and JSON, a size for the rest.
func describe(body []byte, contentType string) string {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "application/x-www-form-urlencoded"):
		return "  " + redactForm(string(body)) + "\n"
	case strings.Contains(ct, "json"):
		return "  " + redactJSON(body) + "\n"
	default:
		return fmt.Sprintf("  [%d bytes of %s]\n", len(body), contentType)
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
