package auth_test

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// These tests use the real OS keyring. Run them with
//
//	scripts/with-keyring.sh 'KEYRING_REAL=1 go test -count=1 -run Keyring ./internal/auth/'
//
// which starts a throwaway D-Bus session and an unlocked gnome-keyring.
func realKeyring(t *testing.T) auth.SecretStore {
	t.Helper()
	if os.Getenv("KEYRING_REAL") != "1" {
		t.Skip("set KEYRING_REAL=1 (see scripts/with-keyring.sh) to use the real OS keyring")
	}
	return auth.NewKeyring(os.Getenv)
}

func TestKeyringRealRoundTrip(t *testing.T) {
	store := realKeyring(t)
	account := "test:" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Cleanup(func() { _ = store.Delete(auth.KeyringService, account) })
	if _, err := store.Get(auth.KeyringService, account); !errors.Is(err, auth.ErrSecretNotFound) {
		t.Fatalf("Get before Set: %v, want ErrSecretNotFound", err)
	}
	value := strings.Repeat("0123456789abcdef", 512) // 8 KB: fine for the Secret Service
	if err := store.Set(auth.KeyringService, account, value); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := store.Get(auth.KeyringService, account); err != nil || got != value {
		t.Fatalf("Get: %d bytes, %v", len(got), err)
	}
	if err := store.Delete(auth.KeyringService, account); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := store.Get(auth.KeyringService, account); !errors.Is(err, auth.ErrSecretNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
}

func TestKeyringRealSignInCacheAndLogout(t *testing.T) {
	store := realKeyring(t)
	f := newFixture(t, entra.Options{})
	f.store = nil
	settings := func() auth.Settings { s := f.settings(); s.Store = store; s.CacheMode = auth.CacheKeyring; return s }
	name := "kr-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	p, _, err := auth.Login(t.Context(), settings(), auth.LoginOptions{Profile: name, Tenant: tenantID, ClientID: appID, ClientSecret: appSecret})
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	t.Cleanup(func() { _ = auth.Logout(t.Context(), settings(), p) })
	if got, err := store.Get(auth.KeyringService, "client-secret:"+name); err != nil || got != appSecret {
		t.Fatalf("secret in keyring: %v", err)
	}
	if key, err := store.Get(auth.KeyringService, "msal-key:"+name); err != nil || len(key) != 44 {
		t.Fatalf("cache key in keyring: %d chars, %v", len(key), err)
	}
	for i := 0; i < 3; i++ {
		c, err := auth.Resolve(settings(), p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Token(t.Context(), ""); err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
		if c.CacheStorage() != "encrypted file, key in OS keyring" {
			t.Errorf("CacheStorage = %q", c.CacheStorage())
		}
	}
	if n := f.entra.TokenRequests(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	if err := auth.Logout(t.Context(), settings(), p); err != nil {
		t.Fatalf("logout: %v", err)
	}
	for _, acct := range []string{"client-secret:" + name, "msal-key:" + name} {
		if _, err := store.Get(auth.KeyringService, acct); !errors.Is(err, auth.ErrSecretNotFound) {
			t.Errorf("%s after logout: %v", acct, err)
		}
	}
	f.assertNoSecrets(f.stderr.String(), appSecret)
}
