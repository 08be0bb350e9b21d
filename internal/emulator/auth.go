package emulator

import (
	"net/http"
	"strings"
)

// Reserved bearer tokens. They let tests and the demo reach every authentication outcome
// without an identity provider:
//
//	expired           401 InvalidAuthenticationToken ("Lifetime validation failed, the token is expired.")
//	unlicensed        403 Forbidden (licence / ThreatIntelligence.Read.All missing)
//	claims-challenge  401 with WWW-Authenticate: Bearer error="insufficient_claims", claims="<base64 JSON>"
//	forbidden         403 Forbidden with Graph's plain message, naming no licence or permission
//	                  (the app lacks the permission of whichever security set it asked)
//	delegated         accepted as a signed-in user's token (securityActions answers it 403)
//
// They are checked before Options.ValidateToken, so they behave the same with a validator.
const (
	TokenExpired         = "expired"
	TokenUnlicensed      = "unlicensed"
	TokenClaimsChallenge = "claims-challenge"
	TokenForbidden       = "forbidden"
)

// insufficientPrivileges is Graph's message for a token without the permission a request
// needs; it does not say which one, so clients must name it themselves.
const insufficientPrivileges = "Insufficient privileges to complete the operation."

// forbiddenMessage names both causes of a 403 because Graph's own message does not say which.
const forbiddenMessage = "Insufficient privileges to complete the operation. The tenant needs a Microsoft Defender Threat Intelligence licence (or the API add-on) and the app needs the ThreatIntelligence.Read.All permission."

// claimsJSON is the continuous-access-evaluation challenge Graph sends when a token was revoked.
const claimsJSON = `{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}`

const bearerRealm = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`

// authenticate checks the Authorization header of a Graph request.
func (e *Emulator) authenticate(r *http.Request) *apiError {
	token, ok := bearerToken(r.Header.Get("Authorization"))
	if !ok {
		return unauthorized("Access token is empty.")
	}
	switch token {
	case TokenExpired:
		return unauthorized("Lifetime validation failed, the token is expired.")
	case TokenUnlicensed:
		return &apiError{status: http.StatusForbidden, code: "Forbidden", message: forbiddenMessage}
	case TokenForbidden:
		return &apiError{status: http.StatusForbidden, code: "Forbidden", message: insufficientPrivileges}
	case TokenDelegated:
		return nil // a user token that any validator would accept (permissions.go)
	case TokenClaimsChallenge:
		ae := unauthorized("Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
		ae.authHeader = claimsHeader()
		return ae
	}
	if e.opts.ValidateToken != nil {
		if err := e.opts.ValidateToken(token); err != nil {
			return unauthorized("Access token validation failure: " + err.Error())
		}
	}
	return nil
}

func unauthorized(msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, code: "InvalidAuthenticationToken", message: msg, authHeader: bearerRealm}
}

// bearerToken extracts the token of "Bearer <token>" (scheme case-insensitive).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
