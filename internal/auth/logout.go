package auth

import (
	"context"
	"errors"
	"fmt"
)

// Logout forgets a profile's sign-in: the account in MSAL's cache, the keyring entries
// (msal-key:<profile>, client-secret:<profile>, certificate-password:<profile>) and the cache and lock files. The caller
// removes the profile from the config file.
func Logout(ctx context.Context, s Settings, p *Profile) error {
	if p == nil {
		return ErrNotSignedIn
	}
	s, err := s.withDefaults()
	if err != nil {
		return err
	}
	name := p.Name
	if name == "" {
		name = DefaultProfile
	}
	if err := checkProfileName(name); err != nil {
		return err
	}
	var errs []error
	if s.CacheDir != "" {
		if p.Method == MethodDevice && s.CacheMode != CacheNone {
			removeAccount(ctx, s, name, p)
		}
		if err := (cacheFiles{dir: s.CacheDir, profile: name}).remove(); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, deleteSecret(s.Store, keyAccount(name), false), deleteSecret(s.Store, secretAccount(name), p.Method == MethodSecret))
	if p.Method == MethodCertificate {
		errs = append(errs, deleteSecret(s.Store, certPasswordAccount(name), false))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sign out of profile %s: %w", name, err)
	}
	return nil
}

// removeAccount asks MSAL to drop the account's tokens. It is best effort: the cache file is
// deleted right after, which removes them anyway.
func removeAccount(ctx context.Context, s Settings, name string, p *Profile) {
	c := userCredential(s, name, p)
	src := c.src.(*userSource)
	app, err := src.app()
	if err != nil {
		return
	}
	accts, err := app.Accounts(ctx)
	if err != nil {
		return
	}
	for _, a := range accts {
		if p.HomeAccountID == "" || a.HomeAccountID == p.HomeAccountID {
			_ = app.RemoveAccount(ctx, a)
		}
	}
}

// deleteSecret removes a keyring entry. A missing entry is fine; an unavailable keyring is
// fine for the cache key (the file it opened is gone) but not for a stored client secret.
func deleteSecret(store SecretStore, account string, mustReach bool) error {
	err := store.Delete(KeyringService, account)
	switch {
	case err == nil, errors.Is(err, ErrSecretNotFound):
		return nil
	case errors.Is(err, ErrKeyringUnavailable) && !mustReach:
		return nil
	}
	return fmt.Errorf("delete keyring entry %s: %w", account, err)
}
