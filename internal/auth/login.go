package auth

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// LoginOptions are the choices of `mdti auth login`. Exactly one of Device, ClientSecret,
// CertificatePath and ManagedIdentity selects the method.
type LoginOptions struct {
	Profile             string
	Tenant, ClientID    string
	Device              bool
	ManagedIdentity     bool   // ClientID, if set, picks a user-assigned identity; no tenant
	ClientSecret        string // already read from stdin by the caller; never a flag value
	CertificatePath     string
	CertificatePassword string // PKCS#12 only, which is not supported yet
}

// Login signs in once, so a broken secret or certificate is reported now rather than on the
// next command, then keeps what must survive: the token cache, and for a client secret the
// secret itself in the keyring (account client-secret:<profile>). It returns the profile for
// the caller to save in the config file and a Credential ready for use.
func Login(ctx context.Context, s Settings, o LoginOptions) (*Profile, *Credential, error) {
	s, err := s.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	p, err := newProfile(o)
	if err != nil {
		return nil, nil, err
	}
	switch p.Method {
	case MethodManagedIdentity:
		return loginManaged(ctx, s, p)
	case MethodDevice:
		return loginDevice(ctx, s, p)
	case MethodSecret:
		return loginSecret(ctx, s, p, o.ClientSecret)
	}
	return loginCertificate(ctx, s, p, o.CertificatePassword)
}

// newProfile validates the options and picks the method.
func newProfile(o LoginOptions) (*Profile, error) {
	p := &Profile{Name: o.Profile, Tenant: strings.TrimSpace(o.Tenant), ClientID: strings.TrimSpace(o.ClientID)}
	if p.Name == "" {
		p.Name = DefaultProfile
	}
	if err := checkProfileName(p.Name); err != nil {
		return nil, err
	}
	n := 0
	for _, set := range []bool{o.Device, o.ClientSecret != "", o.CertificatePath != "", o.ManagedIdentity} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("%w: choose exactly one sign-in method: device code, client secret, certificate or managed identity", ErrInvalidSetting)
	}
	if o.ManagedIdentity {
		p.Method, p.Tenant = MethodManagedIdentity, ""
		return p, nil
	}
	if p.ClientID == "" {
		return nil, fmt.Errorf("%w: a client ID is required: pass the application (client) ID of your Entra ID app registration", ErrInvalidSetting)
	}
	switch {
	case o.Device:
		p.Method = MethodDevice
		return p, checkDeviceTenant(p)
	case o.ClientSecret != "":
		p.Method = MethodSecret
	default:
		p.Method = MethodCertificate
		abs, err := filepath.Abs(o.CertificatePath)
		if err != nil {
			return nil, fmt.Errorf("certificate path: %w", err)
		}
		p.CertificatePath = abs
	}
	return p, checkAppTenant(p.Tenant, "login")
}

// checkDeviceTenant defaults to organizations; common and consumers would admit personal
// Microsoft accounts, which the threat intelligence API does not support.
func checkDeviceTenant(p *Profile) error {
	if p.Tenant == "" {
		p.Tenant = "organizations"
	}
	switch strings.ToLower(p.Tenant) {
	case "common", "consumers":
		return fmt.Errorf("tenant %q is not allowed for device code sign-in: personal Microsoft accounts cannot use threat intelligence; use your tenant ID or organizations", p.Tenant)
	}
	return checkTenantSyntax(p.Tenant)
}

// loginManaged proves the managed identity gets a token; nothing is stored.
func loginManaged(ctx context.Context, s Settings, p *Profile) (*Profile, *Credential, error) {
	c := managedCredential(s, p.ClientID, "profile "+p.Name)
	if _, err := c.Token(ctx, ""); err != nil {
		return nil, nil, err
	}
	return p, c, nil
}

func loginDevice(ctx context.Context, s Settings, p *Profile) (*Profile, *Credential, error) {
	c := userCredential(s, p.Name, p)
	deferCache(c)
	src := c.src.(*userSource)
	res, err := src.deviceLogin(ctx)
	if err != nil {
		return nil, nil, err
	}
	p.HomeAccountID, p.Username = res.Account.HomeAccountID, res.Account.PreferredUsername
	src.homeAccountID, c.Account = p.HomeAccountID, p.Username
	c.token, c.expires = res.AccessToken, res.ExpiresOn
	if err := commitCache(ctx, c); err != nil {
		return nil, nil, err
	}
	return p, c, nil
}

func loginSecret(ctx context.Context, s Settings, p *Profile, secret string) (*Profile, *Credential, error) {
	c := appCredential(s, p.Method, p.Tenant, p.ClientID, "profile "+p.Name, p.Name, secretCredential(secret))
	return loginApp(ctx, s, p, c, secretAccount(p.Name), secret, "client secret", "AZURE_CLIENT_SECRET")
}

func loginCertificate(ctx context.Context, s Settings, p *Profile, password string) (*Profile, *Credential, error) {
	c := appCredential(s, p.Method, p.Tenant, p.ClientID, "profile "+p.Name, p.Name, certCredential(p.CertificatePath, password))
	// A PKCS#12 password is a secret like a client secret: keyring only.
	return loginApp(ctx, s, p, c, certPasswordAccount(p.Name), password, "certificate password", "AZURE_CLIENT_CERTIFICATE_PASSWORD")
}

// loginApp signs an app in with nothing on disk, then keeps the secret (if any) in the
// keyring, then writes the token cache: a failure at any step leaves nothing behind.
func loginApp(ctx context.Context, s Settings, p *Profile, c *Credential, account, secret, what, envVar string) (*Profile, *Credential, error) {
	deferCache(c)
	if _, err := c.Token(ctx, ""); err != nil {
		return nil, nil, err
	}
	if secret != "" {
		if err := s.Store.Set(KeyringService, account, secret); err != nil {
			return nil, nil, fmt.Errorf("store the %s in the OS keyring: %w (without a keyring, pass it in %s instead)", what, err, envVar)
		}
	}
	if err := commitCache(ctx, c); err != nil {
		if secret != "" {
			_ = s.Store.Delete(KeyringService, account)
		}
		return nil, nil, err
	}
	return p, c, nil
}

func deferCache(c *Credential) {
	if c.cache != nil {
		c.cache.deferWrites()
	}
}

func commitCache(ctx context.Context, c *Credential) error {
	if c.cache == nil {
		return nil
	}
	return c.cache.commit(ctx)
}
