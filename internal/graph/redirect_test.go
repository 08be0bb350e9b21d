package graph

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// A redirect that leaves the endpoint's origin is refused before anything is sent there:
// no token, no $batch body (a 307 or 308 would re-send it), and the foreign answer never
// becomes a record. It is not retried.
func TestRedirectLeavingTheOriginIsRefused(t *testing.T) {
	var foreignHits atomic.Int32
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreignHits.Add(1)
		fmt.Fprint(w, `{"responses":[{"id":"0","status":200,"body":{"id":"evil"}}]}`)
	}))
	defer foreign.Close()
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				http.Redirect(w, r, foreign.URL+"/steal?x=1", status)
			})
			_, err := c.Get(t.Context(), "/x", nil)
			var redir *RedirectError
			if !errors.As(err, &redir) || !errors.Is(err, ErrRedirect) || redir.Status != status {
				t.Fatalf("Get err = %v, want a RedirectError for %d", err, status)
			}
			want := fmt.Sprintf("GET /v1.0/x: redirect refused: a %d to %s leaves the graph endpoint", status, foreign.URL)
			if !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "steal") {
				t.Errorf("err = %q, want prefix %q and no target path", err, want)
			}
			res, err := c.Batch(t.Context(), []BatchRequest{{URL: "/hosts/a"}})
			if err == nil || !errors.Is(err, ErrRedirect) || res[0].Status != 0 {
				t.Errorf("Batch = %+v, %v; want the redirect refused", res, err)
			}
			if rec.count() != 2 || foreignHits.Load() != 0 {
				t.Errorf("requests: own %d (want 2, no retry), foreign %d", rec.count(), foreignHits.Load())
			}
		})
	}
}

// https → http on the same host and port is a different origin: a downgrade is refused.
func TestRedirectDowngradeIsRefused(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+r.Host+"/plain", http.StatusMovedPermanently)
	}))
	defer srv.Close()
	c := New(WithEndpoint(srv.URL), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("tok")),
		WithSleeper(newSleeps().sleep))
	_, err := c.Get(t.Context(), "/x", nil)
	var redir *RedirectError
	if !errors.As(err, &redir) || !strings.HasPrefix(redir.To, "http://127.0.0.1:") {
		t.Fatalf("err = %v, want the downgrade refused", err)
	}
}

// A redirect loop on our own origin ends after maxRedirects, once: it used to be retried
// as a transport error, 5 × 10 requests.
func TestRedirectLoopIsNotRetried(t *testing.T) {
	c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		http.Redirect(w, r, "/v1.0/x", http.StatusFound)
	})
	_, err := c.Get(t.Context(), "/x", nil)
	var redir *RedirectError
	if !errors.As(err, &redir) || !redir.Loop {
		t.Fatalf("err = %v, want a redirect loop", err)
	}
	if rec.count() != maxRedirects+1 || len(sl.waits()) != 0 {
		t.Errorf("%d requests, waits %v; want %d and none", rec.count(), sl.waits(), maxRedirects+1)
	}
}

// A same-origin redirect is still followed (with the token), and the caller's client
// keeps its own redirect policy untouched.
func TestSameOriginRedirectFollowedCallerClientUntouched(t *testing.T) {
	var callerPolicyCalls atomic.Int32
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		callerPolicyCalls.Add(1)
		return nil
	}}
	orig := hc.CheckRedirect
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			http.Redirect(w, r, "/v1.0/moved", http.StatusTemporaryRedirect)
			return
		}
		fmt.Fprint(w, `{"id":"moved"}`)
	}, WithHTTPClient(hc))
	got, err := c.Do(t.Context(), "POST", "/x", []byte(`{"a":1}`), nil)
	if err != nil || !bytes.Equal(got.Body, []byte(`{"id":"moved"}`)) {
		t.Fatalf("Do = %v, %v", got, err)
	}
	if rec.req(1).Header.Get("Authorization") != "Bearer tok" || string(rec.bodies[1]) != `{"a":1}` {
		t.Errorf("redirected request: auth %q body %q", rec.req(1).Header.Get("Authorization"), rec.bodies[1])
	}
	if callerPolicyCalls.Load() != 1 || reflect.ValueOf(hc.CheckRedirect).Pointer() != reflect.ValueOf(orig).Pointer() || hc.Transport != nil {
		t.Errorf("caller's policy called %d times; caller's client modified: %v", callerPolicyCalls.Load(), hc)
	}
}
