package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// userSource gets delegated tokens for a device-code sign-in: silently from the cache or with
// the refresh token. It never starts an interactive flow; that is Login's job.
type userSource struct {
	s             Settings
	profile       string
	tenant        string
	clientID      string
	homeAccountID string
	cache         *tokenCache
	redact        *redactor

	once   sync.Once
	client public.Client
	err    error
}

func (u *userSource) app() (public.Client, error) {
	u.once.Do(func() {
		opts := []public.Option{
			public.WithAuthority(authorityURL(u.s.AuthorityHost, u.tenant)),
			public.WithInstanceDiscovery(instanceDiscovery(u.s.AuthorityHost)),
			public.WithHTTPClient(u.s.signIn),
		}
		if u.cache != nil {
			opts = append(opts, public.WithCache(u.cache))
		}
		u.client, u.err = public.New(u.clientID, opts...)
		if u.err != nil {
			u.err = fmt.Errorf("set up client %s for tenant %s: %w", u.clientID, u.tenant, u.err)
		}
	})
	return u.client, u.err
}

func (u *userSource) acquire(ctx context.Context, claims string) (string, time.Time, error) {
	app, err := u.app()
	if err != nil {
		return "", time.Time{}, err
	}
	var res public.AuthResult
	err = withCacheLock(ctx, u.cache, func(ctx context.Context) error {
		acct, err := u.account(ctx, app)
		if err != nil {
			return err
		}
		opts := []public.AcquireSilentOption{public.WithSilentAccount(acct)}
		if claims != "" {
			opts = append(opts, public.WithClaims(claims))
		}
		res, err = app.AcquireTokenSilent(ctx, []string{u.s.Scope}, opts...)
		return err
	})
	if err != nil {
		return "", time.Time{}, u.silentError(err)
	}
	return res.AccessToken, res.ExpiresOn, nil
}

// account finds the profile's account in the cache. public.Client has no lookup by ID.
func (u *userSource) account(ctx context.Context, app public.Client) (public.Account, error) {
	accts, err := app.Accounts(ctx)
	if err != nil {
		return public.Account{}, fmt.Errorf("read token cache: %w", err)
	}
	for _, a := range accts {
		if a.HomeAccountID == u.homeAccountID || (u.homeAccountID == "" && len(accts) == 1) {
			return a, nil
		}
	}
	return public.Account{}, u.expired("no cached sign-in")
}

// silentError keeps network and context errors as they are; anything else (no refresh token,
// refresh token rejected) means the user has to sign in again.
func (u *userSource) silentError(err error) error {
	if errors.Is(err, ErrNotSignedIn) {
		return err
	}
	se := signInFailure(err, u.redact)
	var sie *SignInError
	switch {
	case errors.Is(se, ErrAuthorityUnreachable), errors.Is(se, ErrOffOrigin), errors.Is(se, context.Canceled),
		errors.As(se, &sie) && sie.Code != "invalid_grant" && sie.Code != "interaction_required":
		return fmt.Errorf("refresh token for profile %s: %w", u.profile, se)
	}
	return u.expired(se.Error())
}

func (u *userSource) expired(why string) error {
	return fmt.Errorf("%w: the device-code sign-in of profile %s is no longer usable (%s); run `mdti auth login --device --profile %s`",
		ErrNotSignedIn, u.profile, why, u.profile)
}

// deviceLogin runs the device code flow: Entra's message goes to stderr (stdout stays for
// data), then MSAL polls until the user finishes, the code expires or ctx is cancelled.
func (u *userSource) deviceLogin(ctx context.Context) (public.AuthResult, error) {
	app, err := u.app()
	if err != nil {
		return public.AuthResult{}, err
	}
	dc, err := app.AcquireTokenByDeviceCode(ctx, []string{u.s.Scope})
	if err != nil {
		return public.AuthResult{}, fmt.Errorf("start device code sign-in: %w", signInFailure(err, u.redact))
	}
	fmt.Fprintln(u.s.Stderr, sanitize(dc.Result.Message))
	if !dc.Result.ExpiresOn.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dc.Result.ExpiresOn)
		defer cancel()
	}
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		return public.AuthResult{}, fmt.Errorf("device code sign-in: %w", signInFailure(err, u.redact))
	}
	return res, nil
}

// sanitize drops control characters from text the identity provider sent before it reaches
// a terminal.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f && (r < 0x80 || r > 0x9f)) {
			return r
		}
		return -1
	}, s)
}
