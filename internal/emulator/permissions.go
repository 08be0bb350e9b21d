package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// caller is what the emulator knows about a request's bearer token. A JWT (what the Entra
// emulator issues) is read for its claims, without checking the signature: ValidateToken
// already decided whether the token is acceptable. A user (delegated) token carries "scp",
// an app-only token "roles" (and idtyp "app"). Any other token is opaque: treated as an
// application token, and never checked against a permission, so the stories that use a
// fixed token keep working. The reserved token "delegated" is an opaque user token.
type caller struct {
	jwt       bool
	delegated bool
	roles     []string // app roles ("roles" claim)
	scopes    []string // delegated scopes ("scp" claim, space-separated)
}

// TokenDelegated is a reserved bearer token that behaves as a signed-in user's (delegated)
// token whose scopes are never checked: securityActions answers it 403 (application
// permissions only).
const TokenDelegated = "delegated"

// callerOf reads the Authorization header of an authenticated request.
func callerOf(r *http.Request) caller {
	tok, _ := bearerToken(r.Header.Get("Authorization"))
	if tok == TokenDelegated {
		return caller{delegated: true}
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return caller{}
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return caller{}
	}
	var claims struct {
		Roles []string `json:"roles"`
		Scp   *string  `json:"scp"`
		Idtyp string   `json:"idtyp"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return caller{}
	}
	c := caller{jwt: true, roles: claims.Roles}
	if claims.Scp != nil {
		c.scopes = strings.Fields(*claims.Scp)
	}
	c.delegated = claims.Scp != nil && claims.Idtyp != "app"
	return c
}

// granted is the token's permissions of its kind: scopes for a user, roles for an app.
func (c caller) granted() []string {
	if c.delegated {
		return c.scopes
	}
	return c.roles
}

// family is a group of Graph paths that one set of permissions guards (security.md §4 of the
// project's notes; docs/reference.md §10 for the beta sets).
type family struct {
	name string
	// read allows GET; write allows every method (ReadWrite implies Read). A family whose
	// write list is nil has one list for everything (tiIndicators, hunting, TI).
	read, write []string
	appOnly     bool // securityActions: delegated tokens are refused whatever they carry
	// userAlso are delegated scopes accepted besides read/write: the 2026 overview page
	// names the threat-intelligence scope "ThreatIntelligence.Read".
	userAlso []string
}

var (
	familyThreatIntelligence = family{name: "threatIntelligence", read: []string{"ThreatIntelligence.Read.All"}, userAlso: []string{"ThreatIntelligence.Read"}}
	familyAlerts             = family{name: "alerts", read: []string{"SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"}, write: []string{"SecurityAlert.ReadWrite.All"}}
	familyIncidents          = family{name: "incidents", read: []string{"SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"}, write: []string{"SecurityIncident.ReadWrite.All"}}
	familyHunting            = family{name: "hunting", read: []string{"ThreatHunting.Read.All"}}
	familyScore              = family{name: "score", read: []string{"SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"}, write: []string{"SecurityEvents.ReadWrite.All"}}
	familyIndicators         = family{name: "indicators", read: []string{"ThreatIndicators.ReadWrite.OwnedBy"}}
	familyActions            = family{name: "actions", read: []string{"SecurityActions.Read.All", "SecurityActions.ReadWrite.All"}, write: []string{"SecurityActions.ReadWrite.All"}, appOnly: true}
)

// AllRoles is every application role the guarded families accept, least privileged first
// where a family has two: what the demo app is granted.
var AllRoles = []string{
	"ThreatIntelligence.Read.All",
	"SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All",
	"SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All",
	"ThreatHunting.Read.All",
	"SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All",
	"ThreatIndicators.ReadWrite.OwnedBy",
	"SecurityActions.Read.All", "SecurityActions.ReadWrite.All",
}

// familyOf names the family of a path under the version root, if it is guarded.
func familyOf(toks []token) (family, bool) {
	if len(toks) < 2 || toks[0].text != "security" || toks[0].isKey {
		return family{}, false
	}
	switch toks[1].text {
	case "threatIntelligence":
		return familyThreatIntelligence, true
	case "alerts_v2":
		return familyAlerts, true
	case "incidents":
		return familyIncidents, true
	case "runHuntingQuery":
		return familyHunting, true
	case "secureScores", "secureScoreControlProfiles":
		return familyScore, true
	case "tiIndicators":
		return familyIndicators, true
	case "securityActions":
		return familyActions, true
	}
	return family{}, false
}

// allowed lists the permissions that let method through; runHuntingQuery and the
// tiIndicators actions are POSTs that need no write permission beyond the family's one.
func (f family) allowed(method string) []string {
	if method == http.MethodGet || f.write == nil {
		return f.read
	}
	return f.write
}

// checkPermissions answers 403 when the caller may not use the family: a delegated token
// on securityActions (always), or, with Options.EnforcePermissions, a JWT that carries none
// of the permissions the method needs.
func (e *Emulator) checkPermissions(c caller, f family, method string) *apiError {
	if f.appOnly && c.delegated {
		return &apiError{status: http.StatusForbidden, code: "Forbidden", message: appOnlyMessage(f.allowed(method))}
	}
	if !e.enforcePermissions() || !c.jwt {
		return nil
	}
	need := f.allowed(method)
	if c.delegated {
		need = append(append([]string{}, need...), f.userAlso...)
	}
	for _, p := range c.granted() {
		if slices.Contains(need, p) {
			return nil
		}
	}
	return &apiError{status: http.StatusForbidden, code: "Forbidden", message: missingPermissionMessage(c, need)}
}

// missingPermissionMessage is Graph's wording for a token without the permission a security
// API needs: "Missing application roles. API required roles: SecurityAlert.Read.All,
// SecurityAlert.ReadWrite.All, application roles: ." for an app (as reported from real
// tenants, e.g. wazuh/wazuh#31670), and "Missing scope permissions on the request. API
// requires one of 'A, B'. Scopes on the request 'C, D'" for a user.
func missingPermissionMessage(c caller, need []string) string {
	if c.delegated {
		return "Missing scope permissions on the request. API requires one of '" + strings.Join(need, ", ") + "'. Scopes on the request '" + strings.Join(c.scopes, ", ") + "'"
	}
	return "Missing application roles. API required roles: " + strings.Join(need, ",") + ", application roles: " + strings.Join(c.roles, ",") + "."
}

// appOnlyMessage answers a user token on securityActions, whose pages list delegated
// permissions as "Not supported". Graph's exact words for this case are not documented; this
// keeps the shape of its missing-roles message and says why.
func appOnlyMessage(need []string) string {
	return "Missing application roles. API required roles: " + strings.Join(need, ",") + ", application roles: . This API supports application permissions only; delegated (user) tokens are not supported."
}
