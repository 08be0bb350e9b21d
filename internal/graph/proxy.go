package graph

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrProxyAuth means the HTTP proxy answered 407: it wants credentials, which waiting
// will not bring, so the request is not retried.
var ErrProxyAuth = errors.New("proxy authentication required: put the proxy's credentials in HTTPS_PROXY (http://user:password@proxy:port), or ask for mdti's host to be allowed")

// proxyAuthError recognises the proxy's 407 answer to CONNECT (an https endpoint behind a
// proxy). net/http reports it as an untyped error whose text is the status text, so that
// text is all there is to go by.
func proxyAuthError(err error) error {
	if err != nil && err.Error() == http.StatusText(http.StatusProxyAuthRequired) {
		return fmt.Errorf("%w (the proxy answered 407 to CONNECT)", ErrProxyAuth)
	}
	return err
}

// scrub prepares an API error for printing: the tokens this client sent are redacted
// wherever the server echoed them, and a proxy's 407 (a plain-http endpoint behind a
// proxy) says what to do about it.
func (c *Client) scrub(e *APIError) {
	e.Code, e.Message = c.sentTokens.redact(e.Code), c.sentTokens.redact(e.Message)
	if e.StatusCode == http.StatusProxyAuthRequired {
		e.Message = ErrProxyAuth.Error()
	}
}
