package entra

import (
	"net/http"
	"strings"
)

// baseURL is scheme://host of the request, so the documents work on https://127.0.0.1:PORT and
// MSAL's check that the issuer matches the authority host passes.
func baseURL(r *http.Request) string {
	return requestScheme(r) + "://" + r.Host
}

func requestScheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	return "http"
}

// isMultiTenant reports the tenant aliases that do not name a directory.
func isMultiTenant(tenant string) bool {
	switch strings.ToLower(tenant) {
	case "common", "organizations", "consumers":
		return true
	}
	return false
}

func (s *Server) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	s.record(Request{Method: r.Method, Path: r.URL.Path, Tenant: tenant})
	base := baseURL(r) + "/" + tenant
	issuerTenant := tenant
	if isMultiTenant(tenant) {
		// Entra answers a placeholder issuer for the aliases; MSAL substitutes it.
		issuerTenant = "{tenantid}"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                baseURL(r) + "/" + issuerTenant + "/v2.0",
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"device_authorization_endpoint":         base + "/oauth2/v2.0/devicecode",
		"end_session_endpoint":                  base + "/oauth2/v2.0/logout",
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"tenant_region_scope":                   "EU",
	})
}
