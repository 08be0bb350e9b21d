package auth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// appSource gets app-only tokens with client credentials (secret, certificate or federated
// assertion). The MSAL client is built on first use, so Resolve never reads the keyring.
type appSource struct {
	s        Settings
	tenant   string
	clientID string
	cache    *tokenCache
	cred     func() (confidential.Credential, error) // reads the secret/certificate lazily

	once   sync.Once
	client confidential.Client
	err    error
}

func (a *appSource) app() (confidential.Client, error) {
	a.once.Do(func() {
		cred, err := a.cred()
		if err != nil {
			a.err = err
			return
		}
		opts := []confidential.Option{confidential.WithInstanceDiscovery(instanceDiscovery(a.s.AuthorityHost))}
		if a.s.HTTPClient != nil {
			opts = append(opts, confidential.WithHTTPClient(a.s.HTTPClient))
		}
		if a.cache != nil {
			opts = append(opts, confidential.WithCache(a.cache))
		}
		a.client, a.err = confidential.New(authorityURL(a.s.AuthorityHost, a.tenant), a.clientID, cred, opts...)
		if a.err != nil {
			a.err = fmt.Errorf("set up client %s for tenant %s: %w", a.clientID, a.tenant, a.err)
		}
	})
	return a.client, a.err
}

// acquire calls AcquireTokenByCredential, which answers from the cache when it can; MSAL's
// AcquireTokenSilent is not meant for app-only tokens. The cache lock is held throughout, so
// parallel processes fetch one token between them.
func (a *appSource) acquire(ctx context.Context, claims string) (string, time.Time, error) {
	app, err := a.app()
	if err != nil {
		return "", time.Time{}, err
	}
	var opts []confidential.AcquireByCredentialOption
	if claims != "" {
		opts = append(opts, confidential.WithClaims(claims))
	}
	var res confidential.AuthResult
	err = withCacheLock(ctx, a.cache, func(ctx context.Context) error {
		var err error
		res, err = app.AcquireTokenByCredential(ctx, []string{a.s.Scope}, opts...)
		return err
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("get token for client %s in tenant %s: %w", a.clientID, a.tenant, asSignInError(err))
	}
	return res.AccessToken, res.ExpiresOn, nil
}
