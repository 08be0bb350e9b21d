package auth

import (
	"context"
	"errors"
	"sync"
	"time"
)

// refreshMargin matches MSAL: a token expiring within 5 minutes is not handed out again.
const refreshMargin = 5 * time.Minute

// source fetches a token; it is a static token, a confidential client or a public client.
type source interface {
	acquire(ctx context.Context, claims string) (string, time.Time, error)
}

// Credential is a resolved sign-in: what `auth status` shows and what Graph calls for tokens.
// Its Token method matches graph.TokenSource. It is safe for concurrent use.
type Credential struct {
	Method        string // one of the Method constants
	Tenant        string
	ClientID      string
	Account       string // user name for device-code sign-ins
	Source        string // e.g. "env MDTI_TOKEN", "env AZURE_CLIENT_SECRET", "profile default"
	CacheLocation string // token cache file; "" when nothing is cached on disk
	Profile       string // profile whose cache and keyring entries are used (env-<hash> for environment credentials)

	src   source
	cache *tokenCache // nil: no persistent cache

	mu      sync.Mutex
	token   string
	expires time.Time
}

// Token returns a valid access token, from memory, MSAL's cache or a silent refresh. A
// non-empty claims (a CAE challenge from a 401) bypasses every cache.
func (c *Credential) Token(ctx context.Context, claims string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if claims == "" && c.token != "" && time.Until(c.expires) > refreshMargin {
		return c.token, nil
	}
	if c.src == nil {
		return "", ErrNotSignedIn
	}
	tok, exp, err := c.src.acquire(ctx, claims)
	if err != nil {
		return "", err
	}
	c.token, c.expires = tok, exp
	return tok, nil
}

// ExpiresOn is the expiry of the last token Token returned (for MDTI_TOKEN: its exp claim, if
// it is a JWT); zero before the first Token call.
func (c *Credential) ExpiresOn() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.expires
}

// CacheStorage is Storage(context.Background()).String(), or why the storage is unusable.
// Storage is the better call: it takes a context and returns the error.
func (c *Credential) CacheStorage() string {
	st, err := c.Storage(context.Background())
	if err != nil {
		return "unusable: " + err.Error()
	}
	return st.String()
}

// withCacheLock runs fn holding the profile's cache lock when there is a persistent cache.
func withCacheLock(ctx context.Context, cache *tokenCache, fn func(context.Context) error) error {
	if cache == nil {
		return fn(ctx)
	}
	ctx, release, err := cache.hold(ctx)
	if err != nil {
		return err
	}
	defer release()
	if cache.mode == CacheKeyring {
		// MSAL goes to the network when the cache cannot be read; keyring mode must fail
		// instead, before any request.
		if _, err := cache.describe(); err != nil {
			return err
		}
	}
	return fn(ctx)
}

var errClaimsStatic = errors.New("the token from MDTI_TOKEN does not satisfy the service's claims challenge; get a new token or sign in with `mdti auth login`")
