package auth_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

func (f *fixture) deviceLogin(profile string) (*auth.Profile, *auth.Credential) {
	f.t.Helper()
	p, c, err := auth.Login(f.t.Context(), f.settings(), auth.LoginOptions{Profile: profile, ClientID: publicID, Device: true})
	if err != nil {
		f.t.Fatalf("device login: %v", err)
	}
	return p, c
}

func TestDeviceCodeLogin(t *testing.T) {
	f := newFixture(t, entra.Options{})
	p, c := f.deviceLogin("work")
	if p.Name != "work" || p.Method != auth.MethodDevice || p.Tenant != "organizations" || p.ClientID != publicID {
		t.Fatalf("profile = %+v", p)
	}
	if p.Username != "analyst@contoso.example" || !strings.Contains(p.HomeAccountID, ".") {
		t.Errorf("account = %q / %q", p.Username, p.HomeAccountID)
	}
	if c.Account != p.Username || c.Source != "profile work" {
		t.Errorf("credential = %+v", c)
	}
	prompt := f.stderr.String()
	if !strings.Contains(prompt, "enter the code") || !strings.Contains(prompt, f.ts.URL+"/devicelogin") {
		t.Errorf("stderr = %q, want Entra's device code message", prompt)
	}
	if got := strings.Join(f.grants(), ","); got != "device_code,device_code,device_code" {
		t.Errorf("grants = %s, want device_code three times (pending, pending, success)", got)
	}
	tok := f.token(c)

	// A later process finds the token in the cache: no request at all.
	before := len(f.entra.Requests())
	if again := f.token(f.resolve(p)); again != tok {
		t.Error("later process got a different token")
	}
	if n := len(f.entra.Requests()) - before; n != 0 {
		t.Errorf("silent reuse sent %d requests", n)
	}
	f.assertNoSecrets(f.stderr.String())
}

func TestDeviceCodeRefreshAfterExpiry(t *testing.T) {
	// MSAL never serves an access token from the cache within 5 minutes of its expiry, so a
	// 4-minute lifetime makes every later Token use the refresh token, without sleeping.
	f := newFixture(t, entra.Options{TokenLifetime: 4 * time.Minute, PendingPolls: -1})
	p, _ := f.deviceLogin("")
	if p.Name != "default" {
		t.Fatalf("profile name = %q", p.Name)
	}
	c := f.resolve(p)
	f.token(c)
	if time.Until(c.ExpiresOn()) > 5*time.Minute {
		t.Errorf("ExpiresOn = %v", c.ExpiresOn())
	}
	want := "device_code,refresh_token"
	if got := strings.Join(f.grants(), ","); got != want {
		t.Fatalf("grants = %s, want %s", got, want)
	}
	f.token(f.resolve(p))
	if got := strings.Join(f.grants(), ","); got != want+",refresh_token" {
		t.Fatalf("grants = %s", got)
	}
}

func TestDeviceCodeRefusesPersonalAccountTenants(t *testing.T) {
	f := newFixture(t, entra.Options{})
	for _, tenant := range []string{"common", "consumers"} {
		_, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Tenant: tenant, ClientID: publicID, Device: true})
		if err == nil || !strings.Contains(err.Error(), "personal Microsoft accounts") {
			t.Errorf("tenant %s: err = %v", tenant, err)
		}
	}
}

func TestDeviceCodeLoginIsBoundedByContext(t *testing.T) {
	f := newFixture(t, entra.Options{PendingPolls: 1000})
	ctx, cancel := contextWithTimeout(t, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := auth.Login(ctx, f.settings(), auth.LoginOptions{ClientID: publicID, Device: true})
	if err == nil {
		t.Fatal("login succeeded while the user never finished")
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("login took %v after the context ended", time.Since(start))
	}
}

func TestSecretLoginStoresSecretInKeyringOnly(t *testing.T) {
	f := newFixture(t, entra.Options{})
	p, c, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Profile: "ci", Tenant: tenantID, ClientID: appID, ClientSecret: appSecret})
	if err != nil {
		t.Fatal(err)
	}
	if p.Method != auth.MethodSecret || p.Tenant != tenantID || c.Source != "profile ci" {
		t.Fatalf("profile %+v credential %+v", p, c)
	}
	if got, _ := f.store.Get(auth.KeyringService, "client-secret:ci"); got != appSecret {
		t.Fatal("secret not in keyring account client-secret:ci")
	}
	// A later process signs in from the profile: cache hit, the keyring secret is not even needed.
	f.token(f.resolve(p))
	if n := f.entra.TokenRequests(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	// Without a cache the stored secret is used.
	f.mode = auth.CacheNone
	f.token(f.resolve(p))
	if n := f.entra.TokenRequests(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
	f.assertNoSecrets(f.stderr.String(), appSecret)
}

func TestSecretLoginWithWrongSecretStoresNothing(t *testing.T) {
	f := newFixture(t, entra.Options{})
	_, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Tenant: tenantID, ClientID: appID, ClientSecret: "nope"})
	if !errors.Is(err, auth.ErrSignInFailed) {
		t.Fatalf("err = %v", err)
	}
	if _, err := f.store.Get(auth.KeyringService, "client-secret:default"); !errors.Is(err, auth.ErrSecretNotFound) {
		t.Error("a rejected secret was stored")
	}
}

func TestCertificateLogin(t *testing.T) {
	f := newFixture(t, entra.Options{})
	path, certPEM := writeCert(t, t.TempDir())
	f.entra.RegisterClient(appID, entra.Client{CertificatePEM: certPEM})
	p, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Tenant: tenantID, ClientID: appID, CertificatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if p.Method != auth.MethodCertificate || p.CertificatePath != path {
		t.Fatalf("profile = %+v", p)
	}
	f.mode = auth.CacheNone
	f.token(f.resolve(p))
}

func TestLoginNeedsExactlyOneMethod(t *testing.T) {
	f := newFixture(t, entra.Options{})
	for _, o := range []auth.LoginOptions{
		{Tenant: tenantID, ClientID: appID},
		{Tenant: tenantID, ClientID: appID, Device: true, ClientSecret: "x"},
		{Tenant: tenantID, Device: true},
		{Profile: "../evil", Tenant: tenantID, ClientID: appID, Device: true},
	} {
		if _, _, err := auth.Login(t.Context(), f.settings(), o); err == nil {
			t.Errorf("Login(%+v) succeeded", o)
		}
	}
}

func TestLogoutRemovesEverything(t *testing.T) {
	f := newFixture(t, entra.Options{})
	dev, _ := f.deviceLogin("dev")
	app, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Profile: "app", Tenant: tenantID, ClientID: appID, ClientSecret: appSecret})
	if err != nil {
		t.Fatal(err)
	}
	if f.store.Len() != 3 { // two cache keys and one secret
		t.Fatalf("keyring entries = %d, want 3", f.store.Len())
	}
	for _, p := range []*auth.Profile{dev, app} {
		if err := auth.Logout(t.Context(), f.settings(), p); err != nil {
			t.Fatalf("logout %s: %v", p.Name, err)
		}
	}
	if f.store.Len() != 0 {
		t.Errorf("keyring entries left: %d", f.store.Len())
	}
	left, _ := os.ReadDir(f.cacheDir)
	if len(left) != 0 {
		t.Errorf("files left in the cache directory: %v", left)
	}
	if _, err := os.Stat(filepath.Join(f.cacheDir, "dev.msal.lock")); !errors.Is(err, os.ErrNotExist) {
		t.Error("lock file left behind")
	}
	_, err = f.resolve(dev).Token(t.Context(), "")
	if !errors.Is(err, auth.ErrNotSignedIn) || !strings.Contains(err.Error(), "mdti auth login --device --profile dev") {
		t.Errorf("device profile after logout: err = %v", err)
	}
	f.mode = auth.CacheNone
	_, err = f.resolve(app).Token(t.Context(), "")
	if !errors.Is(err, auth.ErrNotSignedIn) {
		t.Errorf("secret profile after logout: err = %v", err)
	}
}

func TestFailedLoginWritesNothing(t *testing.T) {
	for _, tc := range []struct {
		name        string
		pendingPoll int
		noKeyring   bool
		login       auth.LoginOptions
	}{
		{name: "secret without keyring", noKeyring: true, login: auth.LoginOptions{Tenant: tenantID, ClientID: appID, ClientSecret: appSecret}},
		{name: "wrong secret", login: auth.LoginOptions{Tenant: tenantID, ClientID: appID, ClientSecret: "wrong-secret"}},
		{name: "device code abandoned", pendingPoll: 1000, login: auth.LoginOptions{ClientID: publicID, Device: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, entra.Options{PendingPolls: tc.pendingPoll})
			if tc.noKeyring {
				f.store.FailWith(auth.ErrKeyringUnavailable)
			}
			ctx := t.Context()
			if tc.pendingPoll > 0 { // the device code user never comes
				var cancel func()
				ctx, cancel = contextWithTimeout(t, 200*time.Millisecond)
				defer cancel()
			}
			if _, _, err := auth.Login(ctx, f.settings(), tc.login); err == nil {
				t.Fatal("login succeeded")
			}
			if _, err := os.Stat(f.cacheDir); !errors.Is(err, os.ErrNotExist) {
				left, _ := os.ReadDir(f.cacheDir)
				t.Errorf("a failed login wrote %v", left)
			}
			f.store.FailWith(nil)
			if f.store.Len() != 0 {
				t.Errorf("a failed login left %d keyring entries", f.store.Len())
			}
		})
	}
}

func TestDeviceLoginCommitsTheCache(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.mode = auth.CacheFile
	p, _ := f.deviceLogin("dev")
	before := len(f.entra.Requests())
	f.token(f.resolve(p))
	if n := len(f.entra.Requests()) - before; n != 0 {
		t.Errorf("the committed cache was not used: %d requests", n)
	}
}
