package cmd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/mdti-cli/mdti/internal/iostreams"
)

func lazyClient(t *testing.T, extra ...*x509.Certificate) (*http.Client, *lazyTLSTransport) {
	t.Helper()
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	base.Proxy = nil
	lt := &lazyTLSTransport{plain: base, extra: extra}
	t.Cleanup(lt.CloseIdleConnections)
	return &http.Client{Transport: lt}, lt
}

func get(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A plain http:// request builds no root pool.
func TestLazyTLSPlainHTTPBuildsNoPool(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	c, lt := lazyClient(t)
	if err := get(t.Context(), c, srv.URL); err != nil {
		t.Fatal(err)
	}
	if lt.verified.Load() != nil {
		t.Error("an http:// request built the TLS root pool")
	}
}

// An https request builds the pool once, trusts the extra CA, and still verifies: a server
// whose CA is not in the pool is refused.
func TestLazyTLSVerifiesWithTheExtraCA(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	c, lt := lazyClient(t, srv.Certificate())
	for range 2 {
		if err := get(t.Context(), c, srv.URL); err != nil {
			t.Fatal(err)
		}
	}
	first := lt.verified.Load()
	if first == nil || first.TLSClientConfig.RootCAs == nil {
		t.Fatal("no verifying transport after an https request")
	}
	if err := get(t.Context(), c, srv.URL); err != nil || lt.verified.Load() != first {
		t.Errorf("second https request: %v; pool rebuilt: %v", err, lt.verified.Load() != first)
	}

	untrusted, _ := lazyClient(t)
	err := get(t.Context(), untrusted, srv.URL)
	var unknown x509.UnknownAuthorityError
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &unknown) && !errors.As(err, &verr) {
		t.Errorf("a server signed by an unknown CA: %v, want a verification error", err)
	}
}

func TestPEMCertificatesSkipsWhatIsNotACertificate(t *testing.T) {
	if got := pemCertificates([]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")); len(got) != 0 {
		t.Errorf("%d certificates from a key", len(got))
	}
}

// countingRoots stands in for x509.SystemCertPool and counts the parses.
type countingRoots struct{ n atomic.Int32 }

func (c *countingRoots) load() (*x509.CertPool, error) {
	c.n.Add(1)
	return x509.NewCertPool(), nil
}

// A prefetch builds the pool once; the request that follows waits for it rather than
// building another.
func TestLazyTLSPrefetchBuildsThePoolOnce(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	c, lt := lazyClient(t, srv.Certificate())
	roots := &countingRoots{}
	lt.systemRoots = roots.load
	lt.prefetch()
	for range 3 {
		if err := get(t.Context(), c, srv.URL); err != nil {
			t.Fatal(err)
		}
	}
	if n := roots.n.Load(); n != 1 {
		t.Fatalf("system roots loaded %d times, want 1", n)
	}
}

// Without systemRoots (--demo) only the extra CAs are trusted: nothing else is loaded.
func TestLazyTLSWithoutSystemRootsTrustsExtraOnly(t *testing.T) {
	_, lt := lazyClient(t)
	pool := lt.secure().TLSClientConfig.RootCAs
	if pool == nil || !pool.Equal(x509.NewCertPool()) {
		t.Fatal("the pool holds more than the extra CAs")
	}
}

// The wiring prefetches the pool for an https:// endpoint only; --demo trusts its own
// emulator's CA and never loads the system roots.
func TestWiringPrefetchesRootsOnlyForHTTPS(t *testing.T) {
	for _, tc := range []struct {
		name       string
		env        map[string]string
		prefetched bool
		system     bool
	}{
		{"http", map[string]string{"MDTI_GRAPH_ENDPOINT": "http://127.0.0.1:9"}, false, true},
		{"https", map[string]string{"MDTI_GRAPH_ENDPOINT": "https://127.0.0.1:9"}, true, true},
		{"demo", map[string]string{"MDTI_DEMO": "1"}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"MDTI_TOKEN": "x", "MDTI_CONFIG_DIR": t.TempDir(), "HOME": t.TempDir()}
			maps.Copy(env, tc.env)
			ios, _, _, _ := iostreams.Test()
			_, f, cleanup := NewRoot(ios, func(k string) string { return env[k] })
			defer cleanup()
			if _, err := f.GraphClient(); err != nil {
				t.Fatal(err)
			}
			hc, err := f.HTTPClient()
			if err != nil {
				t.Fatal(err)
			}
			lt := hc.Transport.(*lazyTLSTransport)
			if got := lt.prefetched.Load(); got != tc.prefetched {
				t.Errorf("prefetched = %v, want %v", got, tc.prefetched)
			}
			if got := lt.systemRoots != nil; got != tc.system {
				t.Errorf("loads the system roots = %v, want %v", got, tc.system)
			}
		})
	}
}
