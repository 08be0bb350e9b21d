package entra

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// deviceCodeLifetime is how long Entra lets a user enter a device code.
const deviceCodeLifetime = 15 * time.Minute

type deviceCode struct {
	clientID, tenant, scope string
	expires                 time.Time
	polls                   int
	redeemed                bool
}

// deviceCode serves POST /{tenant}/oauth2/v2.0/devicecode for public clients.
func (s *Server) deviceCode(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	if err := r.ParseForm(); err != nil {
		s.record(Request{Method: r.Method, Path: r.URL.Path, Tenant: tenant})
		s.writeError(w, r, errInvalidRequest(900144, "The request body could not be parsed."))
		return
	}
	clientID := r.PostForm.Get("client_id")
	s.record(Request{Method: r.Method, Path: r.URL.Path, Tenant: tenant, ClientID: clientID})
	c, err := s.lookupClient(clientID, tenant)
	if err == nil && !c.Public {
		err = errInvalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'. The application is not configured as a public client.")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	code := "dc." + randomHex(32)
	user := userCode()
	s.mu.Lock()
	s.devices[code] = &deviceCode{clientID: clientID, tenant: tenant, scope: r.PostForm.Get("scope"), expires: s.opts.Now().Add(deviceCodeLifetime)}
	s.issued = append(s.issued, code)
	s.mu.Unlock()
	uri := baseURL(r) + "/devicelogin"
	writeJSON(w, http.StatusOK, map[string]any{
		"user_code": user, "device_code": code, "verification_uri": uri,
		"expires_in": int(deviceCodeLifetime.Seconds()), "interval": s.pollInterval(),
		"message": fmt.Sprintf("To sign in, use a web browser to open the page %s and enter the code %s to authenticate.", uri, user),
	})
}

// userCode is nine characters from an alphabet without look-alikes, like Entra's.
func userCode() string {
	const alphabet = "BCDFGHJKLMNPQRSTVWXZ23456789"
	h := randomHex(9)
	var b strings.Builder
	for i := 0; i < 9; i++ {
		b.WriteByte(alphabet[int(h[i*2])%len(alphabet)])
	}
	return b.String()
}

// deviceCodeGrant answers authorization_pending PendingPolls times per device code, then
// issues the user's tokens once.
func (s *Server) deviceCodeGrant(r *http.Request, tenant string) (map[string]any, *oauthError) {
	f := r.PostForm
	s.mu.Lock()
	dc, ok := s.devices[f.Get("device_code")]
	var state *oauthError
	switch {
	case !ok || dc.clientID != f.Get("client_id") || dc.redeemed:
		state = errInvalidGrant(70000, "The provided value for the input parameter 'device_code' is not valid.")
	case s.opts.Now().After(dc.expires):
		state = &oauthError{http.StatusBadRequest, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."}
	case dc.polls < s.opts.PendingPolls:
		dc.polls++
		state = &oauthError{http.StatusBadRequest, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."}
	default:
		dc.redeemed = true
	}
	s.mu.Unlock()
	if state != nil {
		return nil, state
	}
	return s.userTokens(dc.clientID, tenant, f.Get("scope"), f.Get("client_info") == "1"), nil
}

// refreshGrant redeems a refresh token. Like Entra, the old refresh token stays valid, so
// parallel refreshes by several processes all succeed.
func (s *Server) refreshGrant(r *http.Request, tenant string) (map[string]any, *oauthError) {
	f := r.PostForm
	s.mu.Lock()
	g, ok := s.refresh[f.Get("refresh_token")]
	s.mu.Unlock()
	if !ok || g.clientID != f.Get("client_id") {
		return nil, errInvalidGrant(9002313, "Invalid request. Request is malformed or invalid: the refresh token is unknown or was issued to another client.")
	}
	c, err := s.lookupClient(g.clientID, tenant)
	if err != nil {
		return nil, err
	}
	if !c.Public {
		if err := s.authenticate(r, g.clientID, c); err != nil {
			return nil, err
		}
	}
	return s.userTokens(g.clientID, tenant, f.Get("scope"), f.Get("client_info") == "1"), nil
}

// pollInterval is the seconds MSAL waits between device code polls: Entra's 5 unless the
// options ask for less (tests).
func (s *Server) pollInterval() int {
	if s.opts.PollInterval > 0 {
		return max(1, int(s.opts.PollInterval/time.Second))
	}
	return 5
}
