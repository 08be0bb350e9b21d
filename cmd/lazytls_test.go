package cmd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
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
