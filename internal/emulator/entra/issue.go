package entra

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// accessClaims describes whom an access token is for.
type accessClaims struct {
	tenant, clientID, audience string
	user                       *User // nil for app-only tokens
}

const graphScope = "ThreatIntelligence.Read.All"

// issueAccessToken mints an access token shaped like Entra's (a JWT whose payload carries aud,
// exp, tid, roles or scp) but whose signature is random: only this server's ValidToken can
// accept it, which is all the Graph emulator needs.
func (s *Server) issueAccessToken(c accessClaims) (string, time.Time) {
	now := s.opts.Now()
	exp := now.Add(s.opts.TokenLifetime)
	p := map[string]any{
		"aud": c.audience, "iss": "https://sts.windows.net/" + c.tenant + "/",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": exp.Unix(),
		"appid": c.clientID, "azp": c.clientID, "tid": c.tenant, "ver": "1.0", "uti": randomHex(8),
	}
	s.mu.Lock()
	reg := s.clients[c.clientID]
	s.mu.Unlock()
	if c.user == nil {
		p["roles"] = permissionsOr(reg.Roles, []string{graphScope})
		p["idtyp"] = "app"
		p["oid"], p["sub"] = c.clientID, c.clientID
	} else {
		p["scp"] = strings.Join(permissionsOr(reg.Scopes, []string{graphScope}), " ")
		p["idtyp"] = "user"
		p["oid"], p["sub"] = c.user.ObjectID, c.user.ObjectID
		p["upn"], p["name"] = c.user.Username, c.user.Name
	}
	tok := jwt(map[string]any{"typ": "JWT", "alg": "RS256", "kid": "mdti-emulator"}, p, randomHex(32))
	s.mu.Lock()
	s.access[tok] = exp
	s.issued = append(s.issued, tok)
	s.mu.Unlock()
	return tok, exp
}

// permissionsOr is a registration's roles or scopes, or the default when it set none (nil);
// an empty, non-nil list means a token without any.
func permissionsOr(set, def []string) []string {
	if set == nil {
		return def
	}
	return append([]string{}, set...)
}

// jwt joins header, payload and an opaque signature the way a JWS compact serialisation does.
func jwt(header, payload map[string]any, sig string) string {
	return seg(header) + "." + seg(payload) + "." + base64.RawURLEncoding.EncodeToString([]byte(sig))
}

func seg(v map[string]any) string {
	b, _ := json.Marshal(v) // maps of strings and numbers always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// userTokens is the response for the user flows (device code, refresh token): access, refresh
// and id token, plus client_info when MSAL asks for it.
func (s *Server) userTokens(clientID, tenant, scope string, clientInfo bool) map[string]any {
	u := s.opts.User
	tid := tenant
	if isMultiTenant(tenant) {
		tid = u.TenantID
	}
	at, exp := s.issueAccessToken(accessClaims{tenant: tid, clientID: clientID, audience: "https://graph.microsoft.com", user: &u})
	rt := "rt." + randomHex(48)
	idt := s.idToken(clientID, tid, u)
	s.mu.Lock()
	s.refresh[rt] = grant{clientID: clientID, tenant: tenant}
	s.issued = append(s.issued, rt, idt)
	s.mu.Unlock()
	resp := map[string]any{
		"token_type": "Bearer", "access_token": at, "refresh_token": rt, "id_token": idt,
		// MSAL rejects a response whose scope lacks a requested scope, so echo the request.
		"scope":      scope,
		"expires_in": int64(s.opts.TokenLifetime.Seconds()), "ext_expires_in": int64(s.opts.TokenLifetime.Seconds()),
		"expires_on": unixTime(exp),
	}
	if clientInfo {
		ci, _ := json.Marshal(map[string]string{"uid": u.ObjectID, "utid": tid})
		// MSAL decodes client_info with RawURLEncoding: padding would break it.
		resp["client_info"] = base64.RawURLEncoding.EncodeToString(ci)
	}
	return resp
}

func (s *Server) idToken(clientID, tid string, u User) string {
	now := s.opts.Now()
	return jwt(map[string]any{"typ": "JWT", "alg": "RS256", "kid": "mdti-emulator"}, map[string]any{
		"aud": clientID, "iss": "https://login.microsoftonline.com/" + tid + "/v2.0",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(),
		"name": u.Name, "oid": u.ObjectID, "preferred_username": u.Username, "sub": u.ObjectID,
		"tid": tid, "ver": "2.0",
	}, randomHex(32))
}

// ErrUnknownToken is returned by ValidToken for a token this server never issued.
var ErrUnknownToken = errors.New("access token was not issued by the emulated Entra ID")

// ValidToken reports whether tok is an access token this server issued and that has not
// expired, so the Graph emulator can refuse anything else with 401.
func (s *Server) ValidToken(tok string) error {
	s.mu.Lock()
	exp, ok := s.access[tok]
	s.mu.Unlock()
	if !ok {
		return ErrUnknownToken
	}
	if !s.opts.Now().Before(exp) {
		return fmt.Errorf("access token expired at %s", exp.UTC().Format(time.RFC3339))
	}
	return nil
}
