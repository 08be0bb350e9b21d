package graph

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

const jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl"

// A proxy or WAF page echoing the request, or an envelope quoting the Authorization
// header, must not put a secret on stderr (and so in CI logs).
func TestErrorMessagesRedactSecrets(t *testing.T) {
	tests := []struct{ name, ct, body string }{
		{"proxy page echoing a form", "text/html",
			"<html><body><h1>Blocked</h1><pre>grant_type=client_credentials&client_secret=s3cr3t-Value~x&client_assertion=" + jwt + "</pre></body></html>"},
		{"plain text echoing headers", "text/plain",
			"request rejected\nAuthorization: Bearer opaque-token-0123456789\nProxy-Authorization: Basic dXNlcjpwYXNzd29yZA==\n"},
		{"envelope quoting the token", "application/json",
			`{"error":{"code":"InvalidAuthenticationToken","message":"token ` + jwt + ` rejected; access_token=abcdefgh12345678"}}`},
		{"json echo of a token response", "application/json",
			`{"error":"x","access_token":"abcdefgh12345678","refresh_token":"zyxwvuts87654321"}`},
		{"the token we sent, opaque", "text/plain", "you sent sent-token-not-a-jwt-42 which is wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", tt.ct)
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprint(w, tt.body)
			}, WithTokenSource(StaticToken("sent-token-not-a-jwt-42")))
			_, err := c.Get(t.Context(), "/x", nil)
			if err == nil {
				t.Fatal("want an error")
			}
			msg := err.Error()
			for _, secret := range []string{"s3cr3t", "eyJ", "opaque-token", "dXNlcjpw", "abcdefgh", "zyxwvuts", "sent-token"} {
				if strings.Contains(msg, secret) {
					t.Errorf("message leaks %q: %s", secret, msg)
				}
			}
			if !strings.Contains(msg, redactedText) {
				t.Errorf("message %q does not say what was redacted", msg)
			}
		})
	}
}

// A 2xx that is not JSON (a captive portal) is described by a short redacted snippet too.
func TestNotJSONSnippetRedacted(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<p>Login: client_secret=hunter2hunter2 "+strings.Repeat("ж", 400)+"</p>")
	})
	_, err := c.Get(t.Context(), "/x", nil)
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "client_secret="+redactedText) {
		t.Fatalf("err = %v", err)
	}
	if !utf8.ValidString(err.Error()) || strings.Contains(err.Error(), "\uFFFD") {
		t.Errorf("snippet cut inside a rune: %q", err)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("a", 199) + "é", strings.Repeat("a", 199) + "…"}, // é would end at byte 201
		{strings.Repeat("€", 100), strings.Repeat("€", 66) + "…"},
		{"<b>x</b>\x1b]0;pwned title\x07 y \x1b[2J\x1b[31mred\x1b[0m", "x y red"},
		{"a\u009b31mb", "ab"},
		{"\xff\xfe bad bytes", "\uFFFD bad bytes"},
	}
	for _, tt := range tests {
		if got := snippet([]byte(tt.in)); got != tt.want {
			t.Errorf("snippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Escape sequences in an error envelope are removed whole: removing only ESC left
// "[31m" or "]0;title" for the terminal to show.
func TestOneLineRemovesEscapeSequencesWhole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b[38;5;196mx", "x"},
		{"a\x1b]0;title\x07b", "ab"},
		{"a\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1bPdcs\x1b\\b", "ab"},
		{"a\x1b(Bb", "aBb"}, // ESC and its next byte go; a third byte is printable anyway
		{"tab\there\nnew", "tab here new"},
		{"trailing\x1b", "trailing"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A proxy that wants credentials is not waited out: its 407 is reported once, saying
// what to set.
func TestProxy407NotRetriedAndExplained(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="corp"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
		fmt.Fprint(w, "<html>Proxy login required for user=bob&password=hunter22</html>")
	})
	_, err := c.Get(t.Context(), "/x", nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusProxyAuthRequired || rec.count() != 1 {
		t.Fatalf("err = %v after %d requests", err, rec.count())
	}
	if !strings.Contains(err.Error(), "proxy authentication required") || !strings.Contains(err.Error(), "HTTPS_PROXY") ||
		strings.Contains(err.Error(), "hunter22") {
		t.Errorf("err = %q", err)
	}
}

// Behind a proxy, an https endpoint's CONNECT answered 407 is a transport error in
// net/http: it used to be retried as one, five times.
func TestProxyConnect407NotRetried(t *testing.T) {
	var connects atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect {
			connects.Add(1)
		}
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	defer proxy.Close()
	proxyURL, _ := url.Parse(proxy.URL)
	hc := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
	sl := newSleeps()
	c := New(WithEndpoint("https://graph.example"), WithHTTPClient(hc), WithTokenSource(StaticToken("tok")),
		WithSleeper(sl.sleep))
	_, err := c.Get(t.Context(), "/x", nil)
	if !errors.Is(err, ErrProxyAuth) || connects.Load() != 1 || len(sl.waits()) != 0 {
		t.Fatalf("err = %v after %d CONNECTs, waits %v", err, connects.Load(), sl.waits())
	}
	if !strings.HasPrefix(err.Error(), "GET /v1.0/x: proxy authentication required: put the proxy's credentials in HTTPS_PROXY") {
		t.Errorf("err = %q", err)
	}
}

func TestRedactSecrets(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Authorization: Bearer abc.def-123", "Authorization: Bearer [REDACTED]"},
		{`"Authorization":"Basic dXNlcjpwYXNz"`, `"Authorization":"Basic [REDACTED]"`},
		{"proxy-authorization=Negotiate YIIabc123", "proxy-authorization=Negotiate [REDACTED]"},
		{"sent bearer tok_0123456789 twice", "sent bearer [REDACTED] twice"},
		{"client_secret=a~b.c&scope=x", "client_secret=[REDACTED]&scope=x"},
		{`{"client_assertion": "x\"y", "keep": 1}`, `{"client_assertion": [REDACTED], "keep": 1}`},
		{"password: hunter2 and more", "password: [REDACTED] and more"},
		{"id " + jwt, "id " + redactedText},
		// Prose stays as it is.
		{"Bearer authentication failed for a basic licence", "Bearer authentication failed for a basic licence"},
		{"Invalid filter clause: password eq 1", "Invalid filter clause: password eq 1"},
		{"Insufficient privileges to complete the operation.", "Insufficient privileges to complete the operation."},
	}
	for _, tt := range tests {
		if got := redactSecrets(tt.in); got != tt.want {
			t.Errorf("redactSecrets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
