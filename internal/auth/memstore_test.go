package auth_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// A real user's MSAL cache is 7-8 KB: no Windows or macOS keyring item holds it. That is why
// only the 44-character key goes to the keyring.
func TestMemoryStoreEnforcesKeyringLimits(t *testing.T) {
	blob := strings.Repeat("x", 7800)
	for _, limit := range []int{auth.WindowsLimit, auth.MacOSLimit} {
		s := auth.NewMemoryStore(limit)
		if err := s.Set("mdti", "msal:default", blob); !errors.Is(err, auth.ErrSecretTooBig) {
			t.Errorf("limit %d: storing a 7.8 KB blob: err = %v, want ErrSecretTooBig", limit, err)
		}
		if err := s.Set("mdti", "ok", strings.Repeat("k", limit)); err != nil {
			t.Errorf("limit %d: value at the limit refused: %v", limit, err)
		}
	}
	s := auth.NewMemoryStore(0)
	if err := s.Set("mdti", "a", blob); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("mdti", "a"); err != nil || v != blob {
		t.Fatal("round trip failed")
	}
	if err := s.Delete("mdti", "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("mdti", "a"); !errors.Is(err, auth.ErrSecretNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.Delete("mdti", "a"); !errors.Is(err, auth.ErrSecretNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func TestEverythingFitsAWindowsKeyring(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.store = auth.NewMemoryStore(auth.WindowsLimit)
	p, _ := f.deviceLogin("win")
	c := f.resolve(p)
	f.token(c)
	if c.CacheStorage() != "encrypted file, key in OS keyring" {
		t.Errorf("CacheStorage = %q", c.CacheStorage())
	}
	if _, _, err := auth.Login(t.Context(), f.settings(), auth.LoginOptions{Profile: "app", Tenant: tenantID, ClientID: appID, ClientSecret: appSecret}); err != nil {
		t.Fatal(err)
	}
	if f.store.Len() != 3 || strings.Contains(f.stderr.String(), "plain text") {
		t.Errorf("keyring entries = %d, stderr = %q; want two keys and a secret, no fallback", f.store.Len(), f.stderr.String())
	}
}
