package entra

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// instanceDiscovery answers GET /common/discovery/instance, which MSAL (and so azidentity,
// unless DisableInstanceDiscovery is set) asks before signing in: given the
// authorization_endpoint of an authority, Entra ID returns where the tenant's OpenID
// configuration is and the host aliases of the cloud. The emulator is its own cloud of one
// host (under any of its loopback names). An authority on another host is an unknown
// instance, as Entra answers for hosts it does not serve.
func (s *Server) instanceDiscovery(w http.ResponseWriter, r *http.Request) {
	s.record(Request{Method: r.Method, Path: r.URL.Path, Tenant: "common"})
	raw := r.URL.Query().Get("authorization_endpoint")
	if raw == "" {
		s.writeError(w, r, errInvalidRequest(900144, "The request body must contain the following parameter: 'authorization_endpoint'."))
		return
	}
	auth, err := url.Parse(raw)
	if err != nil || !sameInstance(auth.Host, r.Host) {
		s.writeError(w, r, &oauthError{http.StatusBadRequest, "invalid_instance", 50049, "Unknown or invalid instance."})
		return
	}
	tenant, _, _ := strings.Cut(strings.TrimPrefix(auth.Path, "/"), "/")
	if tenant == "" {
		tenant = "common"
	}
	host := auth.Host // the name the client uses for us
	writeJSON(w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": requestScheme(r) + "://" + host + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []map[string]any{{
			"preferred_network": host,
			"preferred_cache":   host,
			"aliases":           []string{host},
		}},
	})
}

// sameInstance reports whether an authority host names this server: the host the request
// came to, or another loopback name for the same port (localhost, 127.0.0.1, [::1]).
func sameInstance(authHost, requestHost string) bool {
	if strings.EqualFold(authHost, requestHost) {
		return true
	}
	ah, ap, err1 := net.SplitHostPort(authHost)
	rh, rp, err2 := net.SplitHostPort(requestHost)
	return err1 == nil && err2 == nil && ap == rp && isLoopback(ah) && isLoopback(rh)
}

func isLoopback(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
