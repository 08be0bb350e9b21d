package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// Resolve finds the credential to use, in the order of docs/reference.md §6: MDTI_TOKEN;
// managed identity when MDTI_MANAGED_IDENTITY asks for it (a deliberate choice, so it wins
// over AZURE_* variables a platform may inject); the AZURE_* client credential variables;
// the saved profile p (may be nil). Nothing touches the keyring or the network until Token
// is called.
func Resolve(s Settings, p *Profile) (*Credential, error) {
	if s.Getenv == nil {
		s.Getenv = osGetenv
	}
	if tok := strings.TrimSpace(s.Getenv("MDTI_TOKEN")); tok != "" {
		return staticCredential(tok), nil
	}
	mi, err := managedIdentityRequested(s.Getenv)
	if err != nil {
		return nil, err
	}
	if mi {
		// Before withDefaults: a container with a managed identity may have no cache directory.
		if s.Scope == "" {
			s.Scope = DefaultScope
		}
		return managedCredential(s, strings.TrimSpace(s.Getenv("AZURE_CLIENT_ID")), "env MDTI_MANAGED_IDENTITY"), nil
	}
	s, err = s.withDefaults()
	if err != nil {
		return nil, err
	}
	if c, err := fromEnv(s); c != nil || err != nil {
		return c, err
	}
	if p != nil && p.Method != "" {
		return fromProfile(s, p)
	}
	return nil, notSignedIn(s.Getenv)
}

// staticCredential serves MDTI_TOKEN as is: never cached, never refreshed, never written.
func staticCredential(tok string) *Credential {
	c := &Credential{Method: MethodToken, Source: "env MDTI_TOKEN", src: staticSource(tok)}
	c.token, c.expires = tok, jwtExpiry(tok)
	if c.expires.IsZero() {
		// Opaque token: we cannot tell when it expires, so Token always returns it.
		c.token = ""
	}
	return c
}

type staticSource string

func (t staticSource) acquire(_ context.Context, claims string) (string, time.Time, error) {
	if claims != "" {
		return "", time.Time{}, errClaimsStatic
	}
	return string(t), jwtExpiry(string(t)), nil
}

// jwtExpiry reads exp from a JWT without verifying it; zero if tok is not a JWT.
func jwtExpiry(tok string) time.Time {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	if json.Unmarshal(b, &claims) != nil {
		return time.Time{}
	}
	exp, err := claims.Exp.Int64()
	if err != nil {
		return time.Time{}
	}
	return time.Unix(exp, 0)
}

// fromEnv builds a client credential from the Azure SDK variables; (nil, nil) when they are
// incomplete. The first of secret, certificate and federated token file wins, as in azidentity.
func fromEnv(s Settings) (*Credential, error) {
	env := func(k string) string { return strings.TrimSpace(s.Getenv(k)) }
	tenant, clientID := env("AZURE_TENANT_ID"), env("AZURE_CLIENT_ID")
	if tenant == "" || clientID == "" {
		return nil, nil
	}
	var method, source string
	var cred credFunc
	switch {
	case s.Getenv("AZURE_CLIENT_SECRET") != "":
		secret := s.Getenv("AZURE_CLIENT_SECRET")
		method, source, cred = MethodSecret, "env AZURE_CLIENT_SECRET", secretCredential(secret)
	case env("AZURE_CLIENT_CERTIFICATE_PATH") != "":
		method, source = MethodCertificate, "env AZURE_CLIENT_CERTIFICATE_PATH"
		cred = certCredential(env("AZURE_CLIENT_CERTIFICATE_PATH"), s.Getenv("AZURE_CLIENT_CERTIFICATE_PASSWORD"))
	case env("AZURE_FEDERATED_TOKEN_FILE") != "":
		method, source, cred = MethodFederated, "env AZURE_FEDERATED_TOKEN_FILE", federatedCredential(env("AZURE_FEDERATED_TOKEN_FILE"))
	default:
		return nil, nil
	}
	if err := checkAppTenant(tenant, "AZURE_TENANT_ID"); err != nil {
		return nil, err
	}
	return appCredential(s, method, tenant, clientID, source, envProfile(tenant, clientID), cred), nil
}

// envProfile names the cache of an environment credential after its tenant and client, so
// a thousand CI runs with the same service principal share one cached token.
func envProfile(tenant, clientID string) string {
	h := sha256.Sum256([]byte(strings.ToLower(tenant) + "\n" + strings.ToLower(clientID)))
	return "env-" + hex.EncodeToString(h[:8])
}

func secretCredential(secret string) credFunc {
	return func(r *redactor) (confidential.Credential, error) {
		r.add(secret)
		c, err := confidential.NewCredFromSecret(secret)
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("client secret: %w", err)
		}
		return c, nil
	}
}

func appCredential(s Settings, method, tenant, clientID, source, profile string, cred credFunc) *Credential {
	c := &Credential{Method: method, Tenant: tenant, ClientID: clientID, Source: source, Profile: profile}
	c.cache = cacheFor(s, profile)
	c.CacheLocation = cacheLocation(c.cache)
	c.src = &appSource{s: s, tenant: tenant, clientID: clientID, cache: c.cache, cred: cred, redact: &redactor{}}
	return c
}

func cacheFor(s Settings, profile string) *tokenCache {
	if s.CacheMode == CacheNone {
		return nil
	}
	return newTokenCache(s, profile)
}

func cacheLocation(c *tokenCache) string {
	if c == nil {
		return ""
	}
	return c.files.blob()
}

// fromProfile rebuilds the credential `mdti auth login` saved.
func fromProfile(s Settings, p *Profile) (*Credential, error) {
	name := p.Name
	if name == "" {
		name = DefaultProfile
	}
	if err := checkProfileName(name); err != nil {
		return nil, err
	}
	if p.Method == MethodManagedIdentity {
		return managedCredential(s, p.ClientID, "profile "+name), nil
	}
	if p.ClientID == "" {
		return nil, fmt.Errorf("profile %s has no client ID; run `mdti auth login --profile %s` again", name, name)
	}
	from := "profile " + name
	switch p.Method {
	case MethodSecret, MethodCertificate:
		if err := checkAppTenant(p.Tenant, from); err != nil {
			return nil, err
		}
		cred := storedSecretCredential(s.Store, name)
		if p.Method == MethodCertificate {
			cred = profileCertCredential(s, name, p.CertificatePath)
		}
		return appCredential(s, p.Method, p.Tenant, p.ClientID, from, name, cred), nil
	case MethodDevice:
		if err := checkTenantSyntax(p.Tenant); p.Tenant != "" && err != nil {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		return userCredential(s, name, p), nil
	}
	return nil, fmt.Errorf("profile %s: unsupported sign-in method %q", name, p.Method)
}

// storedSecretCredential reads the client secret `auth login` put in the keyring.
func storedSecretCredential(store SecretStore, profile string) credFunc {
	return func(r *redactor) (confidential.Credential, error) {
		secret, err := store.Get(KeyringService, secretAccount(profile))
		if errors.Is(err, ErrSecretNotFound) {
			return confidential.Credential{}, fmt.Errorf("%w: no client secret for profile %s in the keyring; run `mdti auth login --profile %s --client-secret-stdin`", ErrNotSignedIn, profile, profile)
		}
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("read client secret of profile %s: %w", profile, err)
		}
		return secretCredential(secret)(r)
	}
}

func userCredential(s Settings, name string, p *Profile) *Credential {
	tenant := p.Tenant
	if tenant == "" {
		tenant = "organizations"
	}
	c := &Credential{Method: MethodDevice, Tenant: tenant, ClientID: p.ClientID, Account: p.Username, Source: "profile " + name, Profile: name}
	c.cache = cacheFor(s, name)
	c.CacheLocation = cacheLocation(c.cache)
	c.src = &userSource{s: s, profile: name, tenant: tenant, clientID: p.ClientID, homeAccountID: p.HomeAccountID, cache: c.cache, redact: &redactor{}}
	return c
}

// notSignedIn explains half-set environment variables, the usual CI mistake.
func notSignedIn(getenv func(string) string) error {
	var set []string
	for _, k := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE"} {
		if strings.TrimSpace(getenv(k)) != "" {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return ErrNotSignedIn
	}
	return fmt.Errorf("%w (only %s set: all of AZURE_TENANT_ID, AZURE_CLIENT_ID and one credential variable are needed)", ErrNotSignedIn, strings.Join(set, ", "))
}

var osGetenv = os.Getenv

// profileCertCredential loads a saved profile's certificate; a PKCS#12 password comes from
// the keyring (stored at login) or AZURE_CLIENT_CERTIFICATE_PASSWORD.
func profileCertCredential(s Settings, profile, path string) credFunc {
	return func(r *redactor) (confidential.Credential, error) {
		password := s.Getenv("AZURE_CLIENT_CERTIFICATE_PASSWORD")
		if stored, err := s.Store.Get(KeyringService, certPasswordAccount(profile)); err == nil {
			password = stored
		}
		return certCredential(path, password)(r)
	}
}
