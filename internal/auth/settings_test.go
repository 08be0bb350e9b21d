package auth_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

func TestCredentialFileErrorsAreSignInErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, env := range map[string]map[string]string{
		"missing certificate": {"AZURE_CLIENT_CERTIFICATE_PATH": filepath.Join(dir, "nope.pem")},
		"bad PEM":             {"AZURE_CLIENT_CERTIFICATE_PATH": write("bad.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")},
		"not PEM":             {"AZURE_CLIENT_CERTIFICATE_PATH": write("text.pem", "hello")},
		"directory":           {"AZURE_CLIENT_CERTIFICATE_PATH": dir},
		"empty federated":     {"AZURE_FEDERATED_TOKEN_FILE": write("token", "\n")},
		"missing federated":   {"AZURE_FEDERATED_TOKEN_FILE": filepath.Join(dir, "no-token")},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, entra.Options{})
			f.env["AZURE_TENANT_ID"], f.env["AZURE_CLIENT_ID"] = tenantID, appID
			for k, v := range env {
				f.env[k] = v
			}
			f.mode = auth.CacheNone
			_, err := f.resolve(nil).Token(t.Context(), "")
			var cfe *auth.CredentialFileError
			if !errors.Is(err, auth.ErrSignInFailed) || !errors.As(err, &cfe) || errors.Is(err, auth.ErrAuthorityUnreachable) {
				t.Fatalf("err = %v, want a CredentialFileError matching ErrSignInFailed", err)
			}
			if f.entra.TokenRequests() != 0 {
				t.Error("a token request was sent")
			}
		})
	}
}

func TestTenantsMustBeGUIDsOrDomainNames(t *testing.T) {
	for _, tenant := range []string{"..", ".", "a/b", "%2e%2e", "contoso", "-bad.com", "bad-.com", "x..y.com", "contoso.com/../evil", "tenant id"} {
		f := newFixture(t, entra.Options{})
		f.secretEnv()
		f.env["AZURE_TENANT_ID"] = tenant
		if _, err := auth.Resolve(f.settings(), nil); !errors.Is(err, auth.ErrInvalidSetting) {
			t.Errorf("AZURE_TENANT_ID=%q: err = %v, want ErrInvalidSetting", tenant, err)
		}
		_, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Tenant: tenant, ClientID: publicID, Device: true})
		if !errors.Is(err, auth.ErrInvalidSetting) {
			t.Errorf("device login tenant %q: err = %v, want ErrInvalidSetting", tenant, err)
		}
		_, err = auth.Resolve(f.settings(), &auth.Profile{Name: "p", Tenant: tenant, ClientID: publicID, Method: auth.MethodDevice})
		if !errors.Is(err, auth.ErrInvalidSetting) {
			t.Errorf("device profile tenant %q: err = %v, want ErrInvalidSetting", tenant, err)
		}
		if n := len(f.entra.Requests()); n != 0 {
			t.Errorf("tenant %q: %d requests sent", tenant, n)
		}
	}
	for _, tenant := range []string{tenantID, "contoso.onmicrosoft.com", "CONTOSO.example.co.uk"} {
		f := newFixture(t, entra.Options{})
		f.secretEnv()
		f.env["AZURE_TENANT_ID"] = tenant
		if _, err := auth.Resolve(f.settings(), nil); err != nil {
			t.Errorf("AZURE_TENANT_ID=%q: %v", tenant, err)
		}
	}
}

func TestAuthorityHostFromTheEnvironment(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"AZURE_AUTHORITY_HOST as AKS sets it": {"AZURE_AUTHORITY_HOST": "%s/"},
		"MDTI_AUTHORITY_HOST wins":            {"MDTI_AUTHORITY_HOST": "%s", "AZURE_AUTHORITY_HOST": "https://login.example.invalid"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, entra.Options{})
			f.secretEnv()
			f.mode = auth.CacheNone
			for k, v := range env {
				f.env[k] = strings.Replace(v, "%s", f.ts.URL, 1)
			}
			s := f.settings()
			s.AuthorityHost = ""
			c, err := auth.Resolve(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			f.token(c)
		})
	}
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.env["AZURE_AUTHORITY_HOST"] = "http://login.example.com"
	s := f.settings()
	s.AuthorityHost = ""
	if _, err := auth.Resolve(s, nil); !errors.Is(err, auth.ErrInvalidSetting) {
		t.Errorf("http authority: err = %v, want ErrInvalidSetting", err)
	}
}
