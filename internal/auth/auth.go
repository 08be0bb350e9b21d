// Package auth resolves mdti's credentials (a static token, client credentials from the
// environment, or a profile saved by `mdti auth login`) and turns them into Microsoft Graph
// access tokens with MSAL Go. MSAL's token cache is kept in a file encrypted with a key from the
// OS keyring, so it survives across processes without exceeding keyring size limits.
//
// The package knows nothing about Cobra, Viper, the config file or the Graph client: callers
// pass Settings and a Profile in, and get a Credential whose Token method matches
// graph.TokenSource.
package auth

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// Method names as stored in profiles and shown by `auth status`.
const (
	MethodToken       = "token"
	MethodSecret      = "client-secret"
	MethodCertificate = "certificate"
	MethodFederated   = "federated-token"
	MethodDevice      = "device-code"
)

// Defaults.
const (
	DefaultAuthorityHost = "https://login.microsoftonline.com"
	DefaultScope         = "https://graph.microsoft.com/.default"
	DefaultProfile       = "default"
	// KeyringService is the keyring service every mdti entry lives under.
	KeyringService = "mdti"
)

// Cache modes (MDTI_TOKEN_CACHE).
const (
	CacheAuto    = "auto"
	CacheKeyring = "keyring"
	CacheFile    = "file"
	CacheNone    = "none"
)

// ErrNotSignedIn means no credential was found anywhere (or a saved sign-in is gone).
var ErrNotSignedIn = errors.New("not signed in: set MDTI_TOKEN, or AZURE_TENANT_ID and AZURE_CLIENT_ID with " +
	"AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, or run `mdti auth login`")

// ErrSignInFailed wraps errors the identity provider returned (wrong secret, unknown client,
// expired device code...), so callers can map them to "sign-in failed".
var ErrSignInFailed = errors.New("sign-in failed")

// Profile is what the config file keeps about a sign-in. It never holds a secret.
type Profile struct {
	Name            string
	Tenant          string
	ClientID        string
	Method          string
	CertificatePath string
	HomeAccountID   string // MSAL account of a device-code sign-in
	Username        string
}

// Settings carry everything auth needs from the outside world, so nothing here reads process
// state directly.
type Settings struct {
	AuthorityHost string       // "" = MDTI_AUTHORITY_HOST, else AZURE_AUTHORITY_HOST, else https://login.microsoftonline.com; a non-Microsoft host turns MSAL instance discovery off. Every sign-in request is pinned to it.
	HTTPClient    *http.Client // shared with Graph: carries --ca-cert and the --debug transport
	Store         SecretStore  // keyring (or fake); default NewKeyring(Getenv)
	CacheDir      string       // default os.UserCacheDir()/mdti
	CacheMode     string       // auto|keyring|file|none; "" = MDTI_TOKEN_CACHE, else auto
	Getenv        func(string) string
	Stderr        io.Writer // warnings, device-code prompt
	Scope         string    // default https://graph.microsoft.com/.default
	// Timeout bounds each sign-in HTTP request (--timeout); 0 leaves MSAL's 30 s. A device
	// code sign-in as a whole lasts until the code expires or ctx ends.
	Timeout time.Duration

	signIn *http.Client // HTTPClient pinned to AuthorityHost, built by withDefaults
}

// withDefaults fills unset fields. It touches neither the keyring nor the network.
func (s Settings) withDefaults() (Settings, error) {
	if s.Getenv == nil {
		s.Getenv = os.Getenv
	}
	if s.Stderr == nil {
		s.Stderr = io.Discard
	}
	if s.Store == nil {
		s.Store = NewKeyring(s.Getenv)
	}
	if s.Scope == "" {
		s.Scope = DefaultScope
	}
	if s.CacheMode == "" {
		s.CacheMode = strings.ToLower(strings.TrimSpace(s.Getenv("MDTI_TOKEN_CACHE")))
	}
	if s.CacheMode == "" {
		s.CacheMode = CacheAuto
	}
	switch s.CacheMode {
	case CacheAuto, CacheKeyring, CacheFile, CacheNone:
	default:
		return s, fmt.Errorf("%w: MDTI_TOKEN_CACHE %s: want auto, keyring, file or none", ErrInvalidSetting, quote(s.CacheMode))
	}
	if s.CacheDir == "" {
		// Computed in none mode too, so that logout still finds files an earlier mode left.
		dir, err := os.UserCacheDir()
		if err != nil && s.CacheMode != CacheNone {
			return s, errors.New("no cache directory for the token cache (set MDTI_TOKEN_CACHE=none to keep tokens in memory): " + err.Error())
		}
		if err == nil {
			s.CacheDir = filepath.Join(dir, "mdti")
		}
	}
	host, err := normalizeHost(authorityHost(s))
	if err != nil {
		return s, fmt.Errorf("%w: %w", ErrInvalidSetting, err)
	}
	s.AuthorityHost = host
	s.signIn, err = pinnedClient(s.HTTPClient, host, s.Timeout)
	return s, err
}

// authorityHost is the configured host, else MDTI_AUTHORITY_HOST, else AZURE_AUTHORITY_HOST
// (the azidentity variable, which AKS workload identity sets), else the public cloud. The
// mdti variable wins: it is the more specific choice.
func authorityHost(s Settings) string {
	for _, h := range []string{s.AuthorityHost, s.Getenv("MDTI_AUTHORITY_HOST"), s.Getenv("AZURE_AUTHORITY_HOST")} {
		if h = strings.TrimSpace(h); h != "" {
			return h
		}
	}
	return DefaultAuthorityHost
}

var profileName = lazy.Regexp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// checkProfileName keeps profile names safe to use in file names and keyring accounts.
func checkProfileName(name string) error {
	if !profileName().MatchString(name) {
		return fmt.Errorf("%w: profile name %s: use letters, digits, '.', '_' or '-' (at most 64)", ErrInvalidSetting, quote(name))
	}
	return nil
}

func quote(s string) string { return `"` + s + `"` }
