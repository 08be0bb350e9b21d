package graph

import (
	"encoding/base64"
	"fmt"
	"github.com/mdti-cli/mdti/internal/lazy"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// authTransport adds the bearer token, but only for the configured Graph
// origin: a redirect or a stray absolute URL must never carry it elsewhere.
// It also answers a continuous-access-evaluation claims challenge once.
type authTransport struct {
	next   http.RoundTripper
	tokens TokenSource
	origin *url.URL
	sent   *tokenMemo // remembers what was sent, to redact it from messages
}

// tokenError marks failures to obtain a token; retrying the request with
// backoff would not help, and cmd maps it to "not signed in".
type tokenError struct{ err error }

func (e *tokenError) Error() string { return "get token: " + e.err.Error() }
func (e *tokenError) Unwrap() error { return e.err }

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.tokens == nil || !sameOrigin(req.URL, t.origin) {
		return t.next.RoundTrip(req)
	}
	if err := checkPlainHTTP(req.URL); err != nil {
		closeBody(req)
		return nil, err // New refuses such an endpoint already; this guards every request
	}
	resp, err := t.withToken(req, "")
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	claims := claimsChallenge(resp.Header.Values("WWW-Authenticate"))
	if claims == "" || !replayable(req) {
		return resp, nil
	}
	tok, err := t.tokens.Token(req.Context(), claims)
	if err != nil {
		// No token satisfies the challenge (MDTI_TOKEN cannot): Graph's own 401, with its
		// request-id, is the answer, and it means "sign in again" (exit 4).
		return resp, nil
	}
	// Drain so the connection can be reused for the retry.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return t.send(req, tok, claims)
}

// withToken sends a copy of req (RoundTrippers must not modify theirs)
// carrying a token obtained for claims.
func (t *authTransport) withToken(req *http.Request, claims string) (*http.Response, error) {
	tok, err := t.tokens.Token(req.Context(), claims)
	if err != nil {
		closeBody(req)
		return nil, &tokenError{err: err}
	}
	return t.send(req, tok, claims)
}

func (t *authTransport) send(req *http.Request, tok, claims string) (*http.Response, error) {
	r := req.Clone(req.Context())
	if claims != "" && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("replay request body: %w", err)
		}
		r.Body = body
	}
	if t.sent != nil {
		t.sent.add(tok)
	}
	r.Header.Set("Authorization", "Bearer "+tok)
	return t.next.RoundTrip(r)
}

func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

var authParam = lazy.Regexp(`([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*"([^"]*)"`)

// claimsChallenge returns the decoded claims JSON of a WWW-Authenticate
// challenge with error="insufficient_claims", or "" when there is none.
func claimsChallenge(values []string) string {
	for _, v := range values {
		params := map[string]string{}
		for _, m := range authParam().FindAllStringSubmatch(v, -1) {
			params[strings.ToLower(m[1])] = m[2]
		}
		if params["error"] != "insufficient_claims" || params["claims"] == "" {
			continue
		}
		return decodeClaims(params["claims"])
	}
	return ""
}

// decodeClaims accepts the padded or unpadded, standard or URL-safe base64
// alphabets that appear in the wild, and plain JSON.
func decodeClaims(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		return s
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding,
		base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b)
		}
	}
	return ""
}
