package graph

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzTIPath: whatever the parts, TIPath yields exactly one path segment per part under
// /security/threatIntelligence, each decoding back to its part, and never a query or a
// fragment, also once resolved against the client's base URL.
func FuzzTIPath(f *testing.F) {
	for _, s := range [][2]string{
		{"contoso.com", "reputation"}, {"..", "."}, {"a/b", "?x=1"}, {"#frag", "%2F"},
		{"hosts('x')", "it''s"}, {"", "\x00\n"}, {"../../me", "%2e%2e"}, {"a;b", "c\\d"},
	} {
		f.Add(s[0], s[1])
	}
	c := New(WithEndpoint("https://graph.example"))
	f.Fuzz(func(t *testing.T, a, b string) {
		p := TIPath("hosts", a, b)
		u, err := url.Parse(p)
		if err != nil {
			t.Fatalf("TIPath(%q, %q) = %q does not parse: %v", a, b, p, err)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.ContainsAny(p, "?#") {
			t.Fatalf("TIPath(%q, %q) = %q adds a query or fragment", a, b, p)
		}
		segs := strings.Split(strings.TrimPrefix(u.EscapedPath(), tiRoot+"/"), "/")
		want := []string{"hosts", a, b}
		if !strings.HasPrefix(u.EscapedPath(), tiRoot+"/") || len(segs) != len(want) {
			t.Fatalf("TIPath(%q, %q) = %q: segments %q", a, b, p, segs)
		}
		for i, s := range segs {
			if s == "." || s == ".." {
				t.Fatalf("TIPath(%q, %q) = %q: navigation segment %q", a, b, p, s)
			}
			got, err := url.PathUnescape(s)
			if err != nil || got != want[i] {
				t.Fatalf("segment %d of %q = %q, want %q (%v)", i, p, got, want[i], err)
			}
		}
		full, err := c.resolve(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		fu, err := url.Parse(full)
		if err != nil || fu.Host != "graph.example" || fu.RawQuery != "" || fu.Fragment != "" ||
			fu.EscapedPath() != "/v1.0"+u.EscapedPath() {
			t.Fatalf("resolved %q to %q (%v)", p, full, err)
		}
	})
}

// FuzzDecodeError: any status, headers and body make an APIError without panicking, whose
// message is one line without control characters and whose Retry-After is bounded.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, `{"error":{"code":"NotFound","message":"no","innerError":{"request-id":"r","date":"d"}}}`, "", "", "rid")
	f.Add(429, `{"error":{"code":"TooManyRequests"}}`, "5", "", "")
	f.Add(429, "", "Wed, 21 Oct 2015 07:28:00 GMT", "", "")
	f.Add(401, `{"error":{"code":"InvalidAuthenticationToken","message":"x\u001b[31m\n"}}`, "", `Bearer error="insufficient_claims", claims="eyJhIjoxfQ=="`, "")
	f.Add(502, "<html><body>Bad\x1b]8;;http://x\x07Gateway</body></html>", "-1", "", "\x1b[2J")
	f.Add(500, "\xff\xfe{\"error\":null}", "99999999999999999999", `Bearer claims="{"`, "")
	f.Add(0, `{"error":{"innererror":{"request-id":"\u202e"}}}`, "", "", "")
	f.Fuzz(func(t *testing.T, status int, body, retryAfter, wwwAuth, reqID string) {
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("WWW-Authenticate", wwwAuth)
		h.Set("request-id", reqID)
		e := newAPIError("GET", "https://graph.example/v1.0/x", status, h, []byte(body))
		msg := e.Error()
		for _, r := range msg {
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("Error() = %q holds control character %U", msg, r)
			}
		}
		if e.RetryAfter < 0 || e.RetryAfter > retryAfterMax {
			t.Fatalf("RetryAfter = %s from %q", e.RetryAfter, retryAfter)
		}
		if e.Code == "" && e.Message != "" && utf8.RuneCountInString(e.Message) > maxSnippet+1 {
			t.Fatalf("snippet of %d runes, want at most %d", utf8.RuneCountInString(e.Message), maxSnippet+1)
		}
		_ = IsNotFound(e) || IsThrottled(e)
	})
}

// FuzzSnippet: whatever a server sends, the snippet is one line of valid UTF-8 without
// control characters, bounded, and never holds a secret that follows client_secret=.
func FuzzSnippet(f *testing.F) {
	for _, s := range []string{"<html>x</html>", "client_secret=abc", "\x1b]0;t\x07é", strings.Repeat("€", 90), "\xff\x1b["} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s := snippet(body)
		if !utf8.ValidString(s) || len(s) > maxSnippet+len("…") {
			t.Fatalf("snippet(%q) = %q: invalid or too long", body, s)
		}
		for _, r := range s {
			if unicode.IsControl(r) {
				t.Fatalf("snippet(%q) = %q holds control %U", body, s, r)
			}
		}
		for rest := s; ; {
			i := strings.Index(rest, "client_secret=")
			if i < 0 {
				break
			}
			rest = rest[i+len("client_secret="):]
			if rest != "" && !strings.HasPrefix(rest, "[") && !strings.ContainsRune(" &,;<>}]", rune(rest[0])) {
				t.Fatalf("snippet(%q) = %q leaks a secret", body, s)
			}
		}
	})
}
