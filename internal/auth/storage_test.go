package auth_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

func TestStorageIsTrueBeforeAnyToken(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.store.FailWith(auth.ErrKeyringUnavailable)
	f.token(f.resolve(nil)) // leaves a plain cache: there is no keyring

	c := f.resolve(nil) // a later `auth status`: asks before reading the token
	st, err := c.Storage(t.Context())
	if err != nil || st.Kind != auth.StoragePlainFile || st.Path != f.cacheFile() || !strings.Contains(st.Reason, "no OS keyring") {
		t.Fatalf("Storage = %+v, %v; want a plain file without keyring", st, err)
	}
	if got := c.CacheStorage(); got != "plain file (no OS keyring)" {
		t.Errorf("CacheStorage = %q", got)
	}

	// The keyring is back: the plain file is still plain until the next write, which encrypts it.
	f.store.FailWith(nil)
	c = f.resolve(nil)
	if got := c.CacheStorage(); got != "plain file (encrypted on the next write)" {
		t.Errorf("keyring back: CacheStorage = %q", got)
	}
	if _, err := c.Token(t.Context(), `{"access_token":{"nbf":{"essential":true,"value":"1"}}}`); err != nil {
		t.Fatal(err)
	}
	if got := f.resolve(nil).CacheStorage(); got != "encrypted file, key in OS keyring" {
		t.Errorf("after a write: CacheStorage = %q", got)
	}

	f.mode = auth.CacheNone
	if st, _ := f.resolve(nil).Storage(t.Context()); st.Kind != auth.StorageMemory {
		t.Errorf("none: %+v", st)
	}
	f.env["MDTI_TOKEN"] = "opaque"
	if st, _ := f.resolve(nil).Storage(t.Context()); st.Kind != auth.StorageNotCached {
		t.Errorf("MDTI_TOKEN: %+v", st)
	}
}

func TestKeyringModeRefusesAPlainCache(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.mode = auth.CacheFile
	f.token(f.resolve(nil))
	before := f.entra.TokenRequests()

	f.mode = auth.CacheKeyring
	c := f.resolve(nil)
	if _, err := c.Storage(t.Context()); err == nil || !strings.Contains(err.Error(), "not encrypted") {
		t.Errorf("Storage: err = %v, want a refusal", err)
	}
	if _, err := c.Token(t.Context(), ""); err == nil || !strings.Contains(err.Error(), "not encrypted") {
		t.Fatalf("Token: err = %v, want a refusal of the plain cache", err)
	}
	if f.entra.TokenRequests() != before {
		t.Error("a token was requested instead of refusing")
	}

	f.store.FailWith(auth.ErrKeyringUnavailable)
	if _, err := f.resolve(nil).Storage(t.Context()); !errors.Is(err, auth.ErrKeyringUnavailable) {
		t.Errorf("no keyring: err = %v, want ErrKeyringUnavailable", err)
	}
	if _, err := os.Stat(f.cacheFile()); err != nil {
		t.Errorf("the refused cache was touched: %v", err)
	}
}
