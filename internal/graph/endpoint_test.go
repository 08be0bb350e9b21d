package graph

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// A bearer token never crosses the network in clear text: plain http is refused unless
// the endpoint is this machine (the emulator), before anything is sent.
func TestPlainHTTPEndpointRefusedWithToken(t *testing.T) {
	tests := []struct {
		endpoint string
		ok       bool
	}{
		{"http://graph.example", false},
		{"http://10.0.0.1:8080", false},
		{"http://127.0.0.2.nip.io", false},
		{"http://localhost.evil.example", false},
		{"http://[::ffff:10.0.0.1]", false},
		{"http://127.0.0.1:9", true},
		{"http://127.8.9.10", true},
		{"http://[::1]:9", true},
		{"http://LocalHost:9", true},
		{"https://graph.example", true},
	}
	for _, tt := range tests {
		var sent atomic.Int32
		hc := &http.Client{Transport: rtFunc(func(*http.Request) (*http.Response, error) {
			sent.Add(1)
			return nil, errors.New("stop here")
		})}
		c := New(WithEndpoint(tt.endpoint), WithTokenSource(StaticToken("tok")), WithHTTPClient(hc), WithMaxAttempts(1))
		_, err := c.Get(t.Context(), "/x", nil)
		refused := errors.Is(err, ErrPlainHTTP)
		if refused == tt.ok || refused && (!IsEndpointError(err) || sent.Load() != 0) {
			t.Errorf("%s: err = %v, %d sent", tt.endpoint, err, sent.Load())
		}
	}
	// Without a token nothing secret is sent, so plain http stays possible.
	c := New(WithEndpoint("http://graph.example"), WithHTTPClient(&http.Client{Transport: rtFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("stop here")
	})}), WithMaxAttempts(1))
	if _, err := c.Get(t.Context(), "/x", nil); errors.Is(err, ErrPlainHTTP) {
		t.Errorf("no token: err = %v", err)
	}
}

// Every bad endpoint is an EndpointError, which the CLI reports as a usage error (exit 2).
func TestBadEndpointIsEndpointError(t *testing.T) {
	for _, bad := range []string{"https://x/v1.0", "ftp://x", "://", "https://u@x"} {
		_, err := New(WithEndpoint(bad)).Get(t.Context(), "/x", nil)
		if !IsEndpointError(err) {
			t.Errorf("%s: err = %v, want an EndpointError", bad, err)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	if _, err := New(WithEndpoint(srv.URL)).Get(t.Context(), "/x", nil); IsEndpointError(err) {
		t.Errorf("a good endpoint: %v", err)
	}
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
