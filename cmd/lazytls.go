package cmd

import (
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"sync"
	"sync/atomic"
)

// lazyTLSTransport builds the TLS root pool (system roots plus extra) at the first request
// that needs TLS, and only once: parsing the system roots costs about 14 ms of CPU, which
// a command that never connects, or talks plain http:// (the emulator, a test), should not
// pay. A command about to talk to an https:// endpoint starts that parse early (prefetch), so
// it overlaps the rest of its start-up. Plain requests go through plain; everything else goes
// through a clone of it that verifies against the pool. (Were plain ever to speak TLS, Go
// would verify it against the system roots: nothing here turns verification off.)
type lazyTLSTransport struct {
	plain *http.Transport
	extra []*x509.Certificate // --ca-cert and the demo CA, trusted besides the system's
	// systemRoots loads the system's roots (x509.SystemCertPool). nil trusts extra alone:
	// --demo's requests all go to its own emulator (graph refuses other hosts, sign-in is
	// pinned to the authority), whose CA is the only one that can verify.
	systemRoots func() (*x509.CertPool, error)

	once       sync.Once
	verified   atomic.Pointer[http.Transport]
	prefetched atomic.Bool // prefetch was called (tests check the wiring with it)
}

func (t *lazyTLSTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.needsTLS(req) {
		return t.secure().RoundTrip(req)
	}
	return t.plain.RoundTrip(req)
}

// prefetch starts building the root pool in the background; the first TLS request waits
// for it (sync.Once) instead of starting it. Call it only once a TLS request is certain.
func (t *lazyTLSTransport) prefetch() {
	t.prefetched.Store(true)
	go t.secure()
}

// needsTLS says req would make a TLS handshake: an https URL, or a proxy reached over
// https. A proxy setting that cannot be read counts as TLS, so verification is never lost.
func (t *lazyTLSTransport) needsTLS(req *http.Request) bool {
	if req.URL.Scheme != "http" {
		return true
	}
	if t.plain.Proxy == nil {
		return false
	}
	proxy, err := t.plain.Proxy(req)
	return err != nil || proxy != nil && proxy.Scheme != "http"
}

func (t *lazyTLSTransport) secure() *http.Transport {
	t.once.Do(func() {
		pool := x509.NewCertPool()
		if t.systemRoots != nil {
			if sys, err := t.systemRoots(); err == nil && sys != nil {
				pool = sys
			}
		}
		for _, c := range t.extra {
			pool.AddCert(c)
		}
		tr := t.plain.Clone()
		tr.TLSClientConfig.RootCAs = pool
		t.verified.Store(tr)
	})
	return t.verified.Load()
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach both transports.
func (t *lazyTLSTransport) CloseIdleConnections() {
	t.plain.CloseIdleConnections()
	if tr := t.verified.Load(); tr != nil {
		tr.CloseIdleConnections()
	}
}

// pemCertificates parses every CERTIFICATE block of a PEM bundle, skipping what does not
// parse, as x509.CertPool.AppendCertsFromPEM does.
func pemCertificates(data []byte) []*x509.Certificate {
	var certs []*x509.Certificate
	for len(data) > 0 {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" || len(block.Headers) != 0 {
			continue
		}
		if c, err := x509.ParseCertificate(block.Bytes); err == nil {
			certs = append(certs, c)
		}
	}
	return certs
}
