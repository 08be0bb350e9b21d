package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrOffOrigin marks a sign-in request or redirect that would leave the configured origin:
// OpenID discovery naming a token endpoint on another host, a 307 from the token endpoint,
// an https→http downgrade. The client secret or assertion would travel with it, so it is
// refused before a connection is made.
var ErrOffOrigin = errors.New("refused to send a sign-in request off the configured origin")

// pinnedClient returns a client for MSAL whose every request, redirects included, goes to
// origin (scheme://host[:port]) and nowhere else. MSAL resolves the token endpoint from the
// OpenID document the server sends, so without this a hostile or compromised document would
// receive the credential. timeout bounds each request (0: MSAL's own 30 s).
func pinnedClient(base *http.Client, origin string, timeout time.Duration) (*http.Client, error) {
	o, err := url.Parse(origin)
	if err != nil || o.Host == "" {
		return nil, fmt.Errorf("%w: invalid origin %q", ErrInvalidSetting, origin)
	}
	next := http.DefaultTransport
	c := &http.Client{}
	if base != nil {
		if base.Transport != nil {
			next = base.Transport
		}
		c.Jar, c.Timeout = base.Jar, base.Timeout
	}
	want := originOf(o)
	c.Transport = &pinnedTransport{next: next, origin: want, timeout: timeout}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if got := originOf(req.URL); got != want {
			return &offOriginError{got: got, want: want, redirect: true}
		}
		if len(via) >= 5 {
			return errors.New("sign-in: too many redirects")
		}
		return nil
	}
	return c, nil
}

// offOriginError names the refused origin and the trusted one.
type offOriginError struct {
	got, want string
	redirect  bool
}

func (e *offOriginError) Error() string {
	what := "request to"
	if e.redirect {
		what = "redirect to"
	}
	return fmt.Sprintf("%v: %s %s (only %s is trusted)", ErrOffOrigin, what, e.got, e.want)
}

func (e *offOriginError) Unwrap() error { return ErrOffOrigin }

// pinnedTransport refuses requests to any other origin, whatever built them.
type pinnedTransport struct {
	next    http.RoundTripper
	origin  string
	timeout time.Duration
}

func (t *pinnedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if got := originOf(req.URL); got != t.origin {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, &offOriginError{got: got, want: t.origin}
	}
	if t.timeout <= 0 {
		return t.next.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose keeps the per-request deadline alive until the body has been read.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// originOf is scheme://host:port, lower case, with the scheme's default port made explicit,
// so https://h and https://h:443 compare equal and http://h never equals https://h.
func originOf(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + ":" + port
}
