package entra

import (
	"crypto/subtle"
	"net/http"
	"strconv"
)

// Managed identity endpoints, as a VM (IMDS) and App Service serve them locally. They issue
// the same access tokens as the token endpoint, so ValidToken accepts them.
const (
	// IMDSPath is the Azure Instance Metadata Service token path (api-version 2018-02-01).
	IMDSPath = "/metadata/identity/oauth2/token"
	// AppServicePath is where IDENTITY_ENDPOINT points in tests (api-version 2019-08-01).
	AppServicePath = "/msi/token"
	// AppServiceIdentityHeader is the IDENTITY_HEADER value the emulated App Service expects
	// in X-IDENTITY-HEADER.
	AppServiceIdentityHeader = "mdti-emulator-identity-header"
	// SystemAssignedClientID is the client ID of the emulated machine's system-assigned
	// identity. A user-assigned identity is any registered client, selected by client_id.
	SystemAssignedClientID = "0d6a3c1e-5f1b-4b7e-9c2a-8e4f6a1b2c3d"
)

func (s *Server) managedIdentityRoutes() {
	s.mux.HandleFunc("GET "+IMDSPath, s.imdsToken)
	s.mux.HandleFunc("GET "+AppServicePath, s.appServiceToken)
}

// imdsToken answers like IMDS: the Metadata header is required (it keeps browsers and
// SSRF through simple redirects out), and numbers come back as strings.
func (s *Server) imdsToken(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Metadata") != "true" {
		s.record(Request{Method: r.Method, Path: r.URL.Path})
		writeJSON(w, http.StatusBadRequest, imdsError("invalid_request", "Required metadata header not specified"))
		return
	}
	s.managedIdentityToken(w, r, "2018-02-01")
}

// appServiceToken answers like App Service's identity endpoint: X-IDENTITY-HEADER must carry
// IDENTITY_HEADER.
func (s *Server) appServiceToken(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Get("X-IDENTITY-HEADER")
	if subtle.ConstantTimeCompare([]byte(h), []byte(AppServiceIdentityHeader)) != 1 {
		s.record(Request{Method: r.Method, Path: r.URL.Path})
		writeJSON(w, http.StatusUnauthorized, imdsError("unauthorized", "The X-IDENTITY-HEADER header is missing or wrong"))
		return
	}
	s.managedIdentityToken(w, r, "2019-08-01")
}

func (s *Server) managedIdentityToken(w http.ResponseWriter, r *http.Request, apiVersion string) {
	q := r.URL.Query()
	clientID := q.Get("client_id")
	s.record(Request{Method: r.Method, Path: r.URL.Path, ClientID: clientID})
	switch {
	case q.Get("api-version") != apiVersion:
		writeJSON(w, http.StatusBadRequest, imdsError("invalid_request", "Missing or unsupported api-version; want "+apiVersion))
		return
	case q.Get("resource") == "":
		writeJSON(w, http.StatusBadRequest, imdsError("invalid_request", "Required query variable 'resource' is missing"))
		return
	case q.Get("object_id") != "" || q.Get("msi_res_id") != "" || q.Get("mi_res_id") != "":
		writeJSON(w, http.StatusBadRequest, imdsError("invalid_request", "Identity not found"))
		return
	}
	if clientID == "" {
		clientID = SystemAssignedClientID
	} else if !s.registered(clientID) {
		writeJSON(w, http.StatusBadRequest, imdsError("invalid_request", "Identity not found"))
		return
	}
	now := s.opts.Now()
	tok, exp := s.issueAccessToken(accessClaims{tenant: s.opts.User.TenantID, clientID: clientID, audience: q.Get("resource")})
	writeJSON(w, http.StatusOK, map[string]string{
		"access_token": tok, "client_id": clientID, "resource": q.Get("resource"), "token_type": "Bearer",
		"expires_in":     strconv.FormatInt(int64(exp.Sub(now).Seconds()), 10),
		"ext_expires_in": strconv.FormatInt(int64(exp.Sub(now).Seconds()), 10),
		"expires_on":     strconv.FormatInt(exp.Unix(), 10),
		"not_before":     strconv.FormatInt(now.Unix(), 10),
	})
}

func (s *Server) registered(clientID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.clients[clientID]
	return ok
}

func imdsError(code, description string) map[string]string {
	return map[string]string{"error": code, "error_description": description}
}
