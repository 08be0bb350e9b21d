package auth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// credFunc builds MSAL's credential, telling r every secret value it reads so that error
// messages can be cleaned of it.
type credFunc func(r *redactor) (confidential.Credential, error)

// appSource gets app-only tokens with client credentials (secret, certificate or federated
// assertion). The MSAL client is built on first use, so Resolve never reads the keyring.
type appSource struct {
	s        Settings
	tenant   string
	clientID string
	cache    *tokenCache
	cred     credFunc  // reads the secret/certificate lazily
	redact   *redactor // every secret value cred read, for error messages

	once   sync.Once
	client confidential.Client
	err    error
}

func (a *appSource) app() (confidential.Client, error) {
	a.once.Do(func() {
		cred, err := a.cred(a.redact)
		if err != nil {
			a.err = signInFailure(err, a.redact)
			return
		}
		opts := []confidential.Option{
			confidential.WithInstanceDiscovery(instanceDiscovery(a.s.AuthorityHost)),
			confidential.WithHTTPClient(a.s.signIn),
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
		return "", time.Time{}, fmt.Errorf("get token for client %s in tenant %s: %w", a.clientID, a.tenant, signInFailure(err, a.redact))
	}
	return res.AccessToken, res.ExpiresOn, nil
}
