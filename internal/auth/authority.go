package auth

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// microsoftHosts are the login hosts MSAL trusts without instance discovery (auth-notes §1.7).
var microsoftHosts = map[string]bool{
	"login.microsoftonline.com": true, "login.microsoft.com": true, "login.windows.net": true,
	"sts.windows.net": true, "login.microsoftonline.us": true, "login-us.microsoftonline.com": true,
	"login.usgovcloudapi.net": true, "login.partner.microsoftonline.cn": true,
	"login.chinacloudapi.cn": true, "login.microsoftonline.de": true,
	"login.sovcloud-identity.fr": true, "login.sovcloud-identity.de": true, "login.sovcloud-identity.sg": true,
}

// normalizeHost turns "--authority-host" into https://host[:port] without a trailing slash.
// A bare host name is accepted; http:// is refused because MSAL refuses it too.
func normalizeHost(h string) (string, error) {
	h = strings.TrimSpace(h)
	if h == "" {
		return DefaultAuthorityHost, nil
	}
	if !strings.Contains(h, "://") {
		h = "https://" + h
	}
	u, err := url.Parse(h)
	if err != nil {
		return "", fmt.Errorf("invalid authority host %q: %w", h, err)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("invalid authority host %q: it must use https", h)
	}
	if u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return "", fmt.Errorf("invalid authority host %q: want https://host[:port] without a path", h)
	}
	return "https://" + strings.ToLower(u.Host), nil
}

// instanceDiscovery is on only for Microsoft's own hosts: for any other host MSAL would ask
// login.microsoftonline.com about it and fail.
func instanceDiscovery(host string) bool {
	u, err := url.Parse(host)
	return err == nil && microsoftHosts[u.Hostname()]
}

func authorityURL(host, tenant string) string {
	return host + "/" + url.PathEscape(tenant)
}

// isAliasTenant reports the tenant aliases that name no directory.
func isAliasTenant(tenant string) bool {
	switch strings.ToLower(tenant) {
	case "common", "organizations", "consumers":
		return true
	}
	return false
}

// checkAppTenant refuses aliases for client credentials: MSAL would send the request to
// /organizations and Entra answer AADSTS50059 or pick a tenant by itself.
func checkAppTenant(tenant, from string) error {
	if tenant == "" {
		return fmt.Errorf("%w: %s: a tenant is required", ErrInvalidSetting, from)
	}
	if isAliasTenant(tenant) {
		return fmt.Errorf("%w: %s: tenant %q is not a specific tenant; client credentials need the tenant ID (a GUID) or a verified domain such as contoso.onmicrosoft.com", ErrInvalidSetting, from, tenant)
	}
	return checkTenantSyntax(tenant)
}

var (
	tenantGUID   = lazy.Regexp(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	tenantDomain = lazy.Regexp(`^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
)

// checkTenantSyntax accepts a tenant ID (GUID), a domain name (contoso.onmicrosoft.com) or an
// alias; anything else is refused: the tenant becomes a path segment of the authority URL,
// and "..", "a/b" or "%2e%2e" would climb or leave it.
func checkTenantSyntax(tenant string) error {
	if tenantGUID().MatchString(tenant) || isAliasTenant(tenant) || (len(tenant) <= 253 && tenantDomain().MatchString(tenant)) {
		return nil
	}
	return fmt.Errorf("%w: tenant %q: want a tenant ID (GUID) or a domain name such as contoso.onmicrosoft.com", ErrInvalidSetting, tenant)
}
