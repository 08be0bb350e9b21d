package emulatorcmd

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"

	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// printedWriter collects what the command prints and says when the environment is out.
type printedWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	once  sync.Once
}

func (w *printedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if strings.Contains(w.buf.String(), "MDTI_TOKEN=") {
		w.once.Do(func() { close(w.ready) })
	}
	return n, err
}

func (w *printedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func TestEmulatorPrintsBothSignInsAndCleansUp(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	out := &printedWriter{ready: make(chan struct{})}
	ios.Out = out
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- emulatorRun(ctx, &Options{IO: ios, Listen: "127.0.0.1:0", Seed: 1, PageSize: 100, TLS: true, DocsLiteral: true})
	}()
	select {
	case <-out.ready:
	case err := <-done:
		t.Fatalf("emulator ended early: %v", err)
	}
	printed := out.String()
	url := lineValue(t, printed, "MDTI_GRAPH_ENDPOINT")
	caPath := lineValue(t, printed, "MDTI_CA_CERT")
	certPath := lineValue(t, printed, "AZURE_CLIENT_CERTIFICATE_PATH")
	if !strings.Contains(printed, "AZURE_CLIENT_SECRET="+emulator.DemoClientSecret) {
		t.Errorf("no secret sign-in line in:\n%s", printed)
	}
	if filepath.Dir(caPath) != filepath.Dir(certPath) {
		t.Errorf("CA %s and certificate %s are in different directories", caPath, certPath)
	}
	info, err := os.Stat(certPath)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("certificate file %s: %v %v", certPath, info, err)
	}
	client := trustingClient(t, caPath)
	bundle, _ := os.ReadFile(certPath)
	certs, key, err := confidential.CertFromPEM(bundle, "")
	if err != nil {
		t.Fatalf("certificate file is not a PEM certificate and key: %v", err)
	}
	byCert, err := confidential.NewCredFromCert(certs, key)
	if err != nil {
		t.Fatal(err)
	}
	bySecret, err := confidential.NewCredFromSecret(emulator.DemoClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	for name, cred := range map[string]confidential.Credential{"certificate": byCert, "secret": bySecret} {
		tok := signIn(t, url, cred, client)
		body := graphGet(t, client, url+"/beta/security/threatIntelligence/hosts/contoso.com", tok)
		if !strings.Contains(body, `"value":{`) {
			t.Errorf("%s: --docs-literal beta host is not wrapped: %s", name, body)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(certPath)); !os.IsNotExist(err) {
		t.Errorf("temporary directory left behind: %v", err)
	}
}

func lineValue(t *testing.T, printed, name string) string {
	t.Helper()
	m := regexp.MustCompile(name + `=(\S+)`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no %s in:\n%s", name, printed)
	}
	return m[1]
}

func trustingClient(t *testing.T, caPath string) *http.Client {
	t.Helper()
	pem, err := os.ReadFile(caPath)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
}

func signIn(t *testing.T, url string, cred confidential.Credential, client *http.Client) string {
	t.Helper()
	app, err := confidential.New(url+"/"+emulator.DemoTenant, emulator.DemoClientID, cred,
		confidential.WithHTTPClient(client), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := app.AcquireTokenByCredential(context.Background(), []string{"https://graph.microsoft.com/.default"})
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	return res.AccessToken
}

func graphGet(t *testing.T, client *http.Client, url, token string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}
