package entra

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
)

const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// token dispatches POST /{tenant}/oauth2/v2.0/token on grant_type.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	if err := r.ParseForm(); err != nil {
		s.record(Request{Method: r.Method, Path: r.URL.Path, Tenant: tenant})
		s.writeError(w, r, errInvalidRequest(900144, "The request body could not be parsed."))
		return
	}
	f := r.PostForm
	s.record(Request{
		Method: r.Method, Path: r.URL.Path, Tenant: tenant,
		GrantType: f.Get("grant_type"), ClientID: f.Get("client_id"), ClientAuth: clientAuthKind(f.Get("client_secret"), f.Get("client_assertion")),
	})
	if f.Get("client_id") == "" {
		s.writeError(w, r, errInvalidRequest(900144, "The request body must contain the following parameter: 'client_id'."))
		return
	}
	var resp map[string]any
	var err *oauthError
	switch g := f.Get("grant_type"); g {
	case "client_credentials":
		resp, err = s.clientCredentials(r, tenant)
	case "urn:ietf:params:oauth:grant-type:device_code", "device_code":
		resp, err = s.deviceCodeGrant(r, tenant)
	case "refresh_token":
		resp, err = s.refreshGrant(r, tenant)
	default:
		err = &oauthError{http.StatusBadRequest, "unsupported_grant_type", 70003,
			fmt.Sprintf("The app requested an unsupported grant type '%s'.", g)}
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func clientAuthKind(secret, assertion string) string {
	switch {
	case secret != "":
		return "secret"
	case assertion != "":
		return "assertion"
	}
	return ""
}

func (s *Server) lookupClient(id, tenant string) (Client, *oauthError) {
	s.mu.Lock()
	c, ok := s.clients[id]
	s.mu.Unlock()
	if !ok {
		return Client{}, &oauthError{http.StatusBadRequest, "unauthorized_client", 700016, fmt.Sprintf(
			"Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", id, tenant)}
	}
	return c, nil
}

func (s *Server) clientCredentials(r *http.Request, tenant string) (map[string]any, *oauthError) {
	f := r.PostForm
	if isMultiTenant(tenant) {
		return nil, errInvalidRequest(50059, "No tenant-identifying information found in either the request or implied by any provided credentials.")
	}
	c, err := s.lookupClient(f.Get("client_id"), tenant)
	if err != nil {
		return nil, err
	}
	if err := s.authenticate(r, f.Get("client_id"), c); err != nil {
		return nil, err
	}
	resource, err := defaultScopeResource(f.Get("scope"))
	if err != nil {
		return nil, err
	}
	at, exp := s.issueAccessToken(accessClaims{tenant: tenant, clientID: f.Get("client_id"), audience: resource})
	// Entra's v2 endpoint omits scope for client credentials, which MSAL accepts.
	return map[string]any{
		"token_type": "Bearer", "access_token": at,
		"expires_in": int64(s.opts.TokenLifetime.Seconds()), "ext_expires_in": int64(s.opts.TokenLifetime.Seconds()),
		"expires_on": unixTime(exp),
	}, nil
}

// defaultScopeResource checks that a client credentials request asks for <resource>/.default
// and returns the resource, which becomes the access token's audience.
func defaultScopeResource(scope string) (string, *oauthError) {
	for _, sc := range strings.Fields(scope) {
		if res, ok := strings.CutSuffix(sc, "/.default"); ok {
			return res, nil
		}
	}
	return "", &oauthError{http.StatusBadRequest, "invalid_scope", 1002012, fmt.Sprintf(
		"The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", scope)}
}

// authenticate checks the client's secret or assertion against its registration.
func (s *Server) authenticate(r *http.Request, clientID string, c Client) *oauthError {
	f := r.PostForm
	switch {
	case f.Get("client_secret") != "":
		if c.Secret == "" || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(f.Get("client_secret"))) != 1 {
			return errInvalidClient(7000215, fmt.Sprintf("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", clientID))
		}
		return nil
	case f.Get("client_assertion") != "":
		if f.Get("client_assertion_type") != assertionType {
			return errInvalidRequest(7000219, "'client_assertion' or 'client_secret' is required for the 'client_credentials' grant type; client_assertion_type is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer.")
		}
		return s.checkAssertion(r, clientID, c, f.Get("client_assertion"))
	}
	return errInvalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
}

func (s *Server) checkAssertion(r *http.Request, clientID string, c Client, assertion string) *oauthError {
	if c.FederatedAssertion != "" {
		if subtle.ConstantTimeCompare([]byte(c.FederatedAssertion), []byte(assertion)) != 1 {
			return errInvalidClient(700213, fmt.Sprintf("No matching federated identity record found for presented assertion subject for app '%s'.", clientID))
		}
		return nil
	}
	if c.CertificatePEM == "" {
		return errInvalidClient(700027, fmt.Sprintf("Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: unknown, app '%s']", clientID))
	}
	pc, err := s.parsedCert(clientID, c)
	if err != nil {
		return errInvalidClient(700027, "Client assertion failed signature validation: the registered certificate cannot be parsed: "+err.Error())
	}
	tokenEndpoint := baseURL(r) + r.URL.Path
	return verifyAssertion(assertion, pc, clientID, tokenEndpoint, s.opts.Now())
}
