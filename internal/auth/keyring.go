package auth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/zalando/go-keyring"
)

// keyringTimeout bounds each keyring call, as gh does: a Secret Service waiting for a prompt,
// or a macOS keychain behind a dialog, would otherwise block forever.
const keyringTimeout = 3 * time.Second

// backend is the part of go-keyring we call; tests substitute a slow or failing one.
type backend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

type goKeyring struct{}

func (goKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (goKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (goKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }

// osKeyring is the SecretStore backed by the OS keyring.
type osKeyring struct {
	backend backend
	timeout time.Duration
	down    error // non-nil: fail every call with it, without touching the backend
}

// NewKeyring returns the OS keyring with a 3 s timeout per call. On Linux and the BSDs
// without a session bus every call fails fast with ErrKeyringUnavailable: godbus would
// otherwise run dbus-launch and leave a dbus-daemon behind.
func NewKeyring(getenv func(string) string) SecretStore {
	if getenv == nil {
		getenv = os.Getenv
	}
	return &osKeyring{backend: goKeyring{}, timeout: keyringTimeout, down: busMissing(runtime.GOOS, getenv)}
}

func busMissing(goos string, getenv func(string) string) error {
	if goos == "windows" || goos == "darwin" || getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return nil
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%w: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no $XDG_RUNTIME_DIR/bus)", ErrKeyringUnavailable)
}

func (k *osKeyring) Get(service, account string) (string, error) {
	var v string
	err := k.call(func() error {
		var err error
		v, err = k.backend.Get(service, account)
		return err
	})
	return v, err
}

func (k *osKeyring) Set(service, account, secret string) error {
	return k.call(func() error { return k.backend.Set(service, account, secret) })
}

func (k *osKeyring) Delete(service, account string) error {
	return k.call(func() error { return k.backend.Delete(service, account) })
}

// call runs fn with the timeout and maps go-keyring's errors onto ours. A timed-out call keeps
// running in its goroutine; the CLI exits soon anyway, and there is no way to cancel D-Bus.
func (k *osKeyring) call(fn func() error) error {
	if k.down != nil {
		return k.down
	}
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return mapKeyringError(err)
	case <-time.After(k.timeout):
		return fmt.Errorf("%w: no answer within %s", ErrKeyringUnavailable, k.timeout)
	}
}

func mapKeyringError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrSecretNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w: %v", ErrSecretTooBig, err)
	}
	// Locked collections, missing Secret Service, unsupported platforms: all mean "no keyring".
	return fmt.Errorf("%w: %v", ErrKeyringUnavailable, err)
}
