package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
	"github.com/mdti-cli/mdti/internal/syncbuf"
)

const (
	tenantID  = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	appID     = "11111111-1111-1111-1111-111111111111"
	appSecret = "s3cr3t~value-that-must-never-be-printed"
	publicID  = "22222222-2222-2222-2222-222222222222"
)

// fixture is an emulated Entra ID over TLS plus everything Settings needs, none of it real:
// a temporary cache directory, an in-memory keyring and a private environment.
type fixture struct {
	t        *testing.T
	entra    *entra.Server
	ts       *httptest.Server
	store    *auth.MemoryStore
	cacheDir string
	stderr   *syncbuf.Buffer
	env      map[string]string
	mode     string
}

func newFixture(t *testing.T, o entra.Options) *fixture {
	t.Helper()
	if o.Clients == nil {
		o.Clients = map[string]entra.Client{}
	}
	if _, ok := o.Clients[appID]; !ok {
		o.Clients[appID] = entra.Client{Secret: appSecret}
	}
	if _, ok := o.Clients[publicID]; !ok {
		o.Clients[publicID] = entra.Client{Public: true}
	}
	srv := entra.New(o)
	ts := httptest.NewTLSServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{
		t: t, entra: srv, ts: ts, store: auth.NewMemoryStore(0),
		cacheDir: filepath.Join(t.TempDir(), "cache", "mdti"), stderr: &syncbuf.Buffer{}, env: map[string]string{},
	}
}

func (f *fixture) settings() auth.Settings {
	return auth.Settings{
		AuthorityHost: f.ts.URL,
		HTTPClient:    f.ts.Client(),
		Store:         f.store,
		CacheDir:      f.cacheDir,
		CacheMode:     f.mode,
		Getenv:        func(k string) string { return f.env[k] },
		Stderr:        f.stderr,
	}
}

func (f *fixture) secretEnv() {
	f.env["AZURE_TENANT_ID"] = tenantID
	f.env["AZURE_CLIENT_ID"] = appID
	f.env["AZURE_CLIENT_SECRET"] = appSecret
}

// resolve is one "process": a fresh Credential sharing only the cache directory and keyring.
func (f *fixture) resolve(p *auth.Profile) *auth.Credential {
	f.t.Helper()
	c, err := auth.Resolve(f.settings(), p)
	if err != nil {
		f.t.Fatalf("Resolve: %v", err)
	}
	return c
}

func (f *fixture) token(c *auth.Credential) string {
	f.t.Helper()
	tok, err := c.Token(f.t.Context(), "")
	if err != nil {
		f.t.Fatalf("Token: %v", err)
	}
	if err := f.entra.ValidToken(tok); err != nil {
		f.t.Fatalf("token not accepted by the emulator: %v", err)
	}
	return tok
}

func (f *fixture) grants() []string {
	var g []string
	for _, r := range f.entra.Requests() {
		if r.GrantType != "" {
			g = append(g, r.GrantType)
		}
	}
	return g
}

// assertNoSecrets fails if anything the emulator issued, or any extra secret, shows in text.
func (f *fixture) assertNoSecrets(text string, extra ...string) {
	f.t.Helper()
	for _, s := range append(f.entra.Issued(), extra...) {
		if s != "" && strings.Contains(text, s) {
			f.t.Errorf("secret value leaked into output: %.12s...", s)
		}
	}
}

// writeCert creates a self-signed RSA certificate and writes cert+key PEM to a 0600 file.
func writeCert(t *testing.T, dir string) (path, certPEM string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mdti test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	path = filepath.Join(dir, "client.pem")
	if err := os.WriteFile(path, append([]byte(certPEM), keyPEM...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, certPEM
}

func contextWithTimeout(t *testing.T, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), d)
}

// serverCertPEM is the emulator's TLS certificate, for a child process to trust.
func serverCertPEM(f *fixture) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.ts.Certificate().Raw})
}

// clientTrusting is what --ca-cert gives the CLI: an http.Client trusting an extra CA.
func clientTrusting(t *testing.T, caPEM []byte) *http.Client {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatal("bad CA PEM")
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}
}
