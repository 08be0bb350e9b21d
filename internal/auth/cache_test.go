package auth_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// cacheFile returns the only *.msal.bin file in the fixture's cache directory.
func (f *fixture) cacheFile() string {
	f.t.Helper()
	m, _ := filepath.Glob(filepath.Join(f.cacheDir, "*.msal.bin"))
	if len(m) != 1 {
		f.t.Fatalf("cache files = %v, want one", m)
	}
	return m[0]
}

func TestCacheIsEncryptedWithAKeyInTheKeyring(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	tok := f.token(f.resolve(nil))

	path := f.cacheFile()
	if !strings.HasPrefix(filepath.Base(path), "env-") {
		t.Errorf("environment credentials cache under %s, want env-<hash>", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(tok)) || json.Valid(data) {
		t.Fatal("cache file holds the token in clear")
	}
	assertMode(t, path, 0o600)
	assertMode(t, f.cacheDir, 0o700)
	key, err := f.store.Get(auth.KeyringService, "msal-key:"+strings.TrimSuffix(filepath.Base(path), ".msal.bin"))
	if err != nil || len(key) != 44 {
		t.Fatalf("keyring key = %d chars, %v; want 44", len(key), err)
	}
	if f.store.Len() != 1 {
		t.Errorf("keyring holds %d entries, want only the key", f.store.Len())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(f.cacheDir, "*.tmp-*")); len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return // no Unix permission bits
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s mode = %04o, want %04o", path, got, want)
	}
}

func TestUndecryptableCacheCountsAsEmpty(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.token(f.resolve(nil))
	// Replace the key: the file no longer decrypts, which must mean "sign in again", not fail.
	account := "msal-key:" + strings.TrimSuffix(filepath.Base(f.cacheFile()), ".msal.bin")
	if err := f.store.Set(auth.KeyringService, account, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="); err != nil {
		t.Fatal(err)
	}
	f.token(f.resolve(nil))
	if n := f.entra.TokenRequests(); n != 2 {
		t.Fatalf("token requests = %d, want 2", n)
	}
	// Garbage in the file: same.
	if err := os.WriteFile(f.cacheFile(), []byte("mdti-msal-aes256gcm-v1\nnot really"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.token(f.resolve(nil))
	if n := f.entra.TokenRequests(); n != 3 {
		t.Fatalf("token requests = %d, want 3", n)
	}
	// And the rewritten cache is good again.
	f.token(f.resolve(nil))
	if n := f.entra.TokenRequests(); n != 3 {
		t.Fatalf("token requests = %d, want 3", n)
	}
}

func TestPlaintextFallbackWarnsOnce(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.store.FailWith(auth.ErrKeyringUnavailable)
	f.token(f.resolve(nil))
	if !strings.Contains(f.stderr.String(), "plain text") || !strings.Contains(f.stderr.String(), "MDTI_TOKEN_CACHE=file") {
		t.Fatalf("stderr = %q, want the plain-text warning", f.stderr.String())
	}
	data, _ := os.ReadFile(f.cacheFile())
	if !json.Valid(data) {
		t.Fatal("fallback cache is not MSAL's plain JSON")
	}
	assertMode(t, f.cacheFile(), 0o600)
	before := f.stderr.String()
	c := f.resolve(nil)
	f.token(c)
	if f.stderr.String() != before {
		t.Errorf("warning repeated: %q", f.stderr.String())
	}
	if n := f.entra.TokenRequests(); n != 1 {
		t.Errorf("token requests = %d, want 1 (the plain cache is reused)", n)
	}
	if c.CacheStorage() != "plain file (no OS keyring)" {
		t.Errorf("CacheStorage = %q", c.CacheStorage())
	}
	f.assertNoSecrets(f.stderr.String(), appSecret)
}

func TestFileModeIsPlainWithoutWarning(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.mode = auth.CacheFile
	f.token(f.resolve(nil))
	if f.stderr.String() != "" {
		t.Errorf("stderr = %q, want nothing", f.stderr.String())
	}
	if f.store.Calls() != 0 {
		t.Errorf("file mode used the keyring %d times", f.store.Calls())
	}
	data, _ := os.ReadFile(f.cacheFile())
	if !json.Valid(data) {
		t.Fatal("file mode cache is not plain JSON")
	}
}

func TestKeyringModeFailsWithoutKeyring(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.mode = auth.CacheKeyring
	f.store.FailWith(auth.ErrKeyringUnavailable)
	_, err := f.resolve(nil).Token(t.Context(), "")
	if !errors.Is(err, auth.ErrKeyringUnavailable) {
		t.Fatalf("err = %v, want ErrKeyringUnavailable", err)
	}
	if m, _ := filepath.Glob(filepath.Join(f.cacheDir, "*.msal.bin")); len(m) != 0 {
		t.Errorf("keyring mode wrote %v", m)
	}
}

func TestCacheModeFromEnvironmentAndNone(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.env["MDTI_TOKEN_CACHE"] = "none"
	c := f.resolve(nil)
	if c.CacheLocation != "" || c.CacheStorage() != "memory only" {
		t.Errorf("none: location %q storage %q", c.CacheLocation, c.CacheStorage())
	}
	f.token(c)
	f.token(f.resolve(nil))
	if n := f.entra.TokenRequests(); n != 2 {
		t.Errorf("token requests = %d, want 2 (nothing persisted)", n)
	}
	if _, err := os.Stat(f.cacheDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("none mode created %s", f.cacheDir)
	}
	f.env["MDTI_TOKEN_CACHE"] = "sometimes"
	if _, err := auth.Resolve(f.settings(), nil); err == nil || !strings.Contains(err.Error(), "MDTI_TOKEN_CACHE") {
		t.Errorf("invalid mode: err = %v", err)
	}
}

func TestCacheWithWidePermissionsIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	f.token(f.resolve(nil))
	if err := os.Chmod(f.cacheFile(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := f.resolve(nil).Token(t.Context(), "")
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want a refusal naming chmod 600", err)
	}
}

// A cache directory others can enter or write (0755, 0777) is tightened to 0700 before a
// token is written into it.
func TestLooseCacheDirectoryIsTightened(t *testing.T) {
	for _, mode := range []os.FileMode{0o755, 0o777} {
		f := newFixture(t, entra.Options{})
		f.secretEnv()
		f.mode = auth.CacheFile
		dir := f.cacheDir
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		f.token(f.resolve(nil))
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o700 {
			t.Errorf("a %04o cache directory is now %04o, want 0700", mode, info.Mode().Perm())
		}
	}
}
