package auth

import "errors"

// SecretStore is the small keyring interface mdti needs. Implementations bound every call
// (the OS keyring: 3 s), so a locked or absent keyring never hangs the CLI.
type SecretStore interface {
	Get(service, account string) (string, error)
	Set(service, account, secret string) error
	Delete(service, account string) error
}

// ErrSecretNotFound means the store works but holds no such entry.
var ErrSecretNotFound = errors.New("secret not found in keyring")

// ErrKeyringUnavailable means the OS keyring cannot be used here (no session bus, no Secret
// Service, locked, timed out...). In auto mode the token cache falls back to a plain file.
var ErrKeyringUnavailable = errors.New("OS keyring unavailable")

// ErrSecretTooBig means the value exceeds what the backend can store (Windows: 2560 bytes).
var ErrSecretTooBig = errors.New("secret too big for the keyring")

// Keyring accounts under service "mdti".
func keyAccount(profile string) string    { return "msal-key:" + profile }
func secretAccount(profile string) string { return "client-secret:" + profile }

// certPasswordAccount holds the password of a profile's PKCS#12 certificate, if it has one.
func certPasswordAccount(profile string) string { return "certificate-password:" + profile }
