package auth

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

type blockingBackend struct{ release chan struct{} }

func (b blockingBackend) Get(string, string) (string, error) { <-b.release; return "", nil }
func (b blockingBackend) Set(string, string, string) error   { <-b.release; return nil }
func (b blockingBackend) Delete(string, string) error        { <-b.release; return nil }

func TestKeyringCallsTimeOut(t *testing.T) {
	b := blockingBackend{release: make(chan struct{})}
	defer close(b.release)
	k := &osKeyring{backend: b, timeout: 50 * time.Millisecond}
	start := time.Now()
	_, err := k.Get("mdti", "x")
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("err = %v, want ErrKeyringUnavailable", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timed out after %v", d)
	}
}

type errBackend struct{ err error }

func (b errBackend) Get(string, string) (string, error) { return "", b.err }
func (b errBackend) Set(string, string, string) error   { return b.err }
func (b errBackend) Delete(string, string) error        { return b.err }

func TestKeyringErrorsAreMapped(t *testing.T) {
	for _, tc := range []struct {
		in   error
		want error
	}{
		{keyring.ErrNotFound, ErrSecretNotFound},
		{keyring.ErrSetDataTooBig, ErrSecretTooBig},
		{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), ErrKeyringUnavailable},
		{keyring.ErrUnsupportedPlatform, ErrKeyringUnavailable},
	} {
		k := &osKeyring{backend: errBackend{tc.in}, timeout: time.Second}
		if err := k.Set("mdti", "a", "b"); !errors.Is(err, tc.want) {
			t.Errorf("%v → %v, want %v", tc.in, err, tc.want)
		}
	}
}

// Without a session bus go-keyring would run dbus-launch and leave a daemon behind; the
// keyring must fail fast instead, and never reach the backend.
func TestNoSessionBusFailsFast(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_RUNTIME_DIR": dir}
	getenv := func(k string) string { return env[k] }
	if err := busMissing("linux", getenv); !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("no bus: err = %v", err)
	}
	if err := busMissing("darwin", getenv); err != nil {
		t.Errorf("darwin needs no bus: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bus"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := busMissing("linux", getenv); err != nil {
		t.Errorf("with $XDG_RUNTIME_DIR/bus: %v", err)
	}
	env = map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
	if err := busMissing("freebsd", getenv); err != nil {
		t.Errorf("with DBUS_SESSION_BUS_ADDRESS: %v", err)
	}

	k := NewKeyring(func(string) string { return "" }).(*osKeyring)
	k.backend = blockingBackend{} // would hang forever if reached
	if k.down == nil {
		t.Skip("this platform needs no session bus")
	}
	if _, err := k.Get("mdti", "x"); !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("err = %v", err)
	}
}

func TestSealRoundTripAndProfileBinding(t *testing.T) {
	key := make([]byte, 32)
	sealed, err := seal(key, "a", []byte(`{"AccessToken":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := unseal(key, "a", sealed); err != nil || string(plain) != `{"AccessToken":{}}` {
		t.Fatalf("unseal = %q, %v", plain, err)
	}
	if _, err := unseal(key, "b", sealed); !errors.Is(err, errUndecryptable) {
		t.Errorf("another profile's file decrypted: %v", err)
	}
	other := make([]byte, 32)
	other[0] = 1
	if _, err := unseal(other, "a", sealed); !errors.Is(err, errUndecryptable) {
		t.Errorf("wrong key decrypted: %v", err)
	}
}
