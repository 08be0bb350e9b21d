package auth_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
	"software.sslmate.com/src/go-pkcs12"
)

func TestStaticTokenIsUsedAsIsAndNeverStored(t *testing.T) {
	f := newFixture(t, entra.Options{})
	exp := time.Now().Add(time.Hour).Unix()
	payload := base64.RawURLEncoding.EncodeToString([]byte(`{"exp":` + strconv.FormatInt(exp, 10) + `}`))
	tok := "eyJhbGciOiJub25lIn0." + payload + ".sig"
	f.env["MDTI_TOKEN"] = tok
	f.secretEnv() // MDTI_TOKEN wins over everything else

	c := f.resolve(&auth.Profile{Name: "default", Method: auth.MethodDevice, ClientID: publicID})
	if c.Method != auth.MethodToken || c.Source != "env MDTI_TOKEN" || c.CacheLocation != "" {
		t.Fatalf("credential = %+v", c)
	}
	got, err := c.Token(t.Context(), "")
	if err != nil || got != tok {
		t.Fatalf("Token = %q, %v", got, err)
	}
	if c.ExpiresOn().Unix() != exp {
		t.Errorf("ExpiresOn = %v, want %v", c.ExpiresOn().Unix(), exp)
	}
	if _, err := c.Token(t.Context(), `{"access_token":{"nbf":{"essential":true}}}`); err == nil {
		t.Error("claims challenge with a static token: want an error")
	}
	if f.store.Calls() != 0 || len(f.entra.Requests()) != 0 {
		t.Errorf("static token touched the keyring (%d calls) or network (%d requests)", f.store.Calls(), len(f.entra.Requests()))
	}
	if _, err := os.Stat(f.cacheDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cache directory created for a static token: %v", err)
	}
}

func TestNotSignedIn(t *testing.T) {
	f := newFixture(t, entra.Options{})
	_, err := auth.Resolve(f.settings(), nil)
	if !errors.Is(err, auth.ErrNotSignedIn) || !strings.Contains(err.Error(), "mdti auth login") {
		t.Fatalf("err = %v, want ErrNotSignedIn with a hint", err)
	}
	f.env["AZURE_CLIENT_SECRET"] = appSecret
	_, err = auth.Resolve(f.settings(), nil)
	if !errors.Is(err, auth.ErrNotSignedIn) || !strings.Contains(err.Error(), "only AZURE_CLIENT_SECRET set") {
		t.Fatalf("err = %v, want a note about the half-set environment", err)
	}
	if strings.Contains(err.Error(), appSecret) {
		t.Fatal("error message contains the secret")
	}
}

func TestClientCredentialsRejectAliasTenants(t *testing.T) {
	for _, tenant := range []string{"organizations", "common", "Consumers"} {
		f := newFixture(t, entra.Options{})
		f.secretEnv()
		f.env["AZURE_TENANT_ID"] = tenant
		_, err := auth.Resolve(f.settings(), nil)
		if err == nil || !strings.Contains(err.Error(), "not a specific tenant") {
			t.Errorf("tenant %s: err = %v", tenant, err)
		}
		_, _, err = auth.Login(t.Context(), f.settings(), auth.LoginOptions{Tenant: tenant, ClientID: appID, ClientSecret: appSecret})
		if err == nil || !strings.Contains(err.Error(), "not a specific tenant") {
			t.Errorf("login tenant %s: err = %v", tenant, err)
		}
		if n := len(f.entra.Requests()); n != 0 {
			t.Errorf("tenant %s: %d requests sent", tenant, n)
		}
	}
}

func TestClientSecretFromEnvironment(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	c := f.resolve(nil)
	if c.Method != auth.MethodSecret || c.Source != "env AZURE_CLIENT_SECRET" || c.Tenant != tenantID || c.ClientID != appID {
		t.Fatalf("credential = %+v", c)
	}
	if f.store.Calls() != 0 || len(f.entra.Requests()) != 0 {
		t.Fatal("Resolve touched the keyring or the network")
	}
	tok := f.token(c)
	if got := f.grants(); strings.Join(got, ",") != "client_credentials" {
		t.Errorf("grants = %v", got)
	}
	if time.Until(c.ExpiresOn()) < 50*time.Minute {
		t.Errorf("ExpiresOn = %v", c.ExpiresOn())
	}
	if again := f.token(c); again != tok {
		t.Error("second Token in the same process returned a different token")
	}
	if n := f.entra.TokenRequests(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	if c.CacheStorage() != "encrypted file, key in OS keyring" {
		t.Errorf("CacheStorage = %q", c.CacheStorage())
	}
	f.assertNoSecrets(f.stderr.String(), appSecret)
}

func TestWrongSecretIsASignInError(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.env["AZURE_CLIENT_SECRET"] = "wrong-secret-value"
	_, err := f.resolve(nil).Token(t.Context(), "")
	var se *auth.SignInError
	if !errors.As(err, &se) || !errors.Is(err, auth.ErrSignInFailed) {
		t.Fatalf("err = %v, want a SignInError", err)
	}
	if se.Code != "invalid_client" || !strings.HasPrefix(se.Description, "AADSTS7000215:") || strings.Contains(se.Description, "Trace ID") {
		t.Errorf("SignInError = %+v", se)
	}
	if strings.Contains(err.Error(), "wrong-secret-value") {
		t.Error("error text contains the secret")
	}
}

func TestSilentReuseAcrossProcesses(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	first := f.token(f.resolve(nil))
	for i := 0; i < 20; i++ {
		if tok := f.token(f.resolve(nil)); tok != first {
			t.Fatalf("process %d got a different token", i)
		}
	}
	if n := f.entra.TokenRequests(); n != 1 {
		t.Errorf("21 processes made %d token requests, want 1", n)
	}
}

func TestCertificateCredential(t *testing.T) {
	f := newFixture(t, entra.Options{})
	path, certPEM := writeCert(t, t.TempDir())
	f.entra.RegisterClient(appID, entra.Client{CertificatePEM: certPEM})
	f.env["AZURE_TENANT_ID"], f.env["AZURE_CLIENT_ID"], f.env["AZURE_CLIENT_CERTIFICATE_PATH"] = tenantID, appID, path
	c := f.resolve(nil)
	if c.Method != auth.MethodCertificate {
		t.Fatalf("method = %s", c.Method)
	}
	f.token(c)
	reqs := f.entra.Requests()
	if last := reqs[len(reqs)-1]; last.ClientAuth != "assertion" || last.GrantType != "client_credentials" {
		t.Errorf("last request = %+v", last)
	}

	// A certificate the app does not know is refused by the emulator's signature check.
	other, _ := writeCert(t, t.TempDir())
	f.env["AZURE_CLIENT_CERTIFICATE_PATH"] = other
	f.mode = auth.CacheNone
	_, err := f.resolve(nil).Token(t.Context(), "")
	if !errors.Is(err, auth.ErrSignInFailed) || !strings.Contains(err.Error(), "AADSTS700027") {
		t.Fatalf("foreign certificate: err = %v", err)
	}
}

func TestCertificateFormatsRefusedClearly(t *testing.T) {
	f := newFixture(t, entra.Options{})
	dir := t.TempDir()
	pfx := filepath.Join(dir, "client.pfx")
	if err := os.WriteFile(pfx, []byte{0x30, 0x82, 0x01, 0x00}, 0o600); err != nil {
		t.Fatal(err)
	}
	f.env["AZURE_TENANT_ID"], f.env["AZURE_CLIENT_ID"], f.env["AZURE_CLIENT_CERTIFICATE_PATH"] = tenantID, appID, pfx
	_, err := f.resolve(nil).Token(t.Context(), "")
	if err == nil || !strings.Contains(err.Error(), "read PKCS#12") {
		t.Fatalf("broken PKCS#12: err = %v", err)
	}
	if len(f.entra.Requests()) != 0 {
		t.Error("requests sent with an unreadable certificate")
	}
}

func TestFederatedTokenFileIsReadOnEveryRequest(t *testing.T) {
	f := newFixture(t, entra.Options{})
	file := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(file, []byte("assertion-one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.entra.RegisterClient(appID, entra.Client{FederatedAssertion: "assertion-one"})
	f.env["AZURE_TENANT_ID"], f.env["AZURE_CLIENT_ID"], f.env["AZURE_FEDERATED_TOKEN_FILE"] = tenantID, appID, file
	c := f.resolve(nil)
	if c.Method != auth.MethodFederated || c.Source != "env AZURE_FEDERATED_TOKEN_FILE" {
		t.Fatalf("credential = %+v", c)
	}
	f.token(c)

	// kubelet rotates the file; the app now only accepts the new assertion.
	if err := os.WriteFile(file, []byte("assertion-two"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.entra.RegisterClient(appID, entra.Client{FederatedAssertion: "assertion-two"})
	tok, err := c.Token(t.Context(), `{"access_token":{"nbf":{"essential":true,"value":"1"}}}`)
	if err != nil {
		t.Fatalf("Token after rotation: %v", err)
	}
	if err := f.entra.ValidToken(tok); err != nil {
		t.Fatal(err)
	}
	if n := f.entra.TokenRequests(); n != 2 {
		t.Errorf("token requests = %d, want 2 (claims bypass the cache)", n)
	}
	f.assertNoSecrets(f.stderr.String(), "assertion-one", "assertion-two")
}

func TestPKCS12CertificateCredential(t *testing.T) {
	f := newFixture(t, entra.Options{})
	dir := t.TempDir()
	pemPath, certPEM := writeCert(t, dir)
	certs, key, err := parseCertificateForTest(pemPath)
	if err != nil {
		t.Fatal(err)
	}
	pfxData, err := pkcs12.Modern.Encode(key, certs[0], nil, "s3cret-pfx")
	if err != nil {
		t.Fatal(err)
	}
	pfx := filepath.Join(dir, "client.pfx")
	if err := os.WriteFile(pfx, pfxData, 0o600); err != nil {
		t.Fatal(err)
	}
	f.entra.RegisterClient(appID, entra.Client{CertificatePEM: certPEM})
	f.env["AZURE_TENANT_ID"], f.env["AZURE_CLIENT_ID"], f.env["AZURE_CLIENT_CERTIFICATE_PATH"] = tenantID, appID, pfx

	f.env["AZURE_CLIENT_CERTIFICATE_PASSWORD"] = "wrong"
	f.mode = auth.CacheNone
	if _, err := f.resolve(nil).Token(t.Context(), ""); err == nil || !strings.Contains(err.Error(), "wrong PKCS#12 password") {
		t.Fatalf("wrong password: err = %v", err)
	}
	f.env["AZURE_CLIENT_CERTIFICATE_PASSWORD"] = "s3cret-pfx"
	f.token(f.resolve(nil))
	reqs := f.entra.Requests()
	if last := reqs[len(reqs)-1]; last.ClientAuth != "assertion" {
		t.Errorf("last request = %+v, want a signed assertion", last)
	}
}

// parseCertificateForTest reads back the PEM that writeCert made.
func parseCertificateForTest(path string) ([]*x509.Certificate, *rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	certBlock, rest := pem.Decode(data)
	keyBlock, _ := pem.Decode(rest)
	cert, err := x509.ParseCertificate(certBlock.Bytes)
	if err != nil {
		return nil, nil, err
	}
	key, err := x509.ParsePKCS1PrivateKey(keyBlock.Bytes)
	return []*x509.Certificate{cert}, key, err
}
