// Package entra emulates the parts of Microsoft Entra ID (the v2.0 endpoints) that MSAL Go uses:
// OpenID configuration, the token endpoint (client credentials by secret or assertion, device
// code, refresh token) and the device code endpoint. It is written from Microsoft's protocol
// documentation and the exchanges recorded in auth-notes.md, never from mdti's own client code,
// so a misreading on one side cannot pass on both.
package entra

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Client is an application registration. Set one or more credentials for a confidential
// client (a secret and a certificate may both be registered, as in Entra ID), or Public for
// a public client (device code flow).
type Client struct {
	Secret             string // client secret
	CertificatePEM     string // PEM certificate whose key signs client assertions
	FederatedAssertion string // the exact client_assertion a federated (WIF) client presents
	Public             bool   // allows the device code flow without client authentication
	// Roles are the application roles ("roles" claim) of the app-only tokens issued to this
	// client, Scopes the delegated scopes ("scp" claim) of its users' tokens. nil means the
	// default, ThreatIntelligence.Read.All; an empty non-nil list issues tokens without any.
	Roles, Scopes []string
}

// User is the account that completes every device code sign-in.
type User struct {
	ObjectID, TenantID, Username, Name string
}

// Options configures a Server. Zero values take the documented defaults.
type Options struct {
	Clients       map[string]Client // ClientID → registration
	TokenLifetime time.Duration     // expires_in of access tokens; default 1h
	// PendingPolls is how many device code polls are answered authorization_pending before
	// success: 0 means the default 2, a negative value means none.
	PendingPolls int
	Now          func() time.Time // default time.Now
	User         User             // default analyst@contoso.example in a fixed tenant
	// PollInterval is the device code polling interval sent to clients (default 5s).
	PollInterval time.Duration
}

// Request is one request the server received, without any secret.
type Request struct {
	Method, Path, Tenant string
	GrantType            string // token requests only
	ClientID             string
	ClientAuth           string // "secret", "assertion" or "" (public client)
}

// Server is the emulated Entra ID. It is an http.Handler and safe for concurrent use.
type Server struct {
	opts    Options
	mux     *http.ServeMux
	mu      sync.Mutex
	clients map[string]Client
	reqs    []Request
	issued  []string
	access  map[string]time.Time     // access token → expiry
	refresh map[string]grant         // refresh token → who it was issued to
	devices map[string]*deviceCode   // device_code → state
	certs   map[string]*parsedClient // ClientID → parsed certificate, filled lazily
	latency time.Duration            // added before every answer (SetLatency)
}

// grant records whom a refresh token belongs to.
type grant struct {
	clientID, tenant string
}

// New returns a Server with the given registrations.
func New(o Options) *Server {
	if o.TokenLifetime <= 0 {
		o.TokenLifetime = time.Hour
	}
	if o.PendingPolls == 0 {
		o.PendingPolls = 2
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.User = withUserDefaults(o.User)
	s := &Server{
		opts:    o,
		clients: map[string]Client{},
		access:  map[string]time.Time{},
		refresh: map[string]grant{},
		devices: map[string]*deviceCode{},
		certs:   map[string]*parsedClient{},
	}
	for id, c := range o.Clients {
		s.clients[id] = c
	}
	s.routes()
	return s
}

func withUserDefaults(u User) User {
	if u.ObjectID == "" {
		u.ObjectID = "6f1c2a7e-0b7d-4c55-9a51-3e0d1f6c8a01"
	}
	if u.TenantID == "" {
		u.TenantID = "9b3f5e2c-4a1d-4e8f-b6c7-2d1e0f9a8b7c"
	}
	if u.Username == "" {
		u.Username = "analyst@contoso.example"
	}
	if u.Name == "" {
		u.Name = "Contoso Analyst"
	}
	return u
}

// RegisterClient adds or replaces an application registration, e.g. to rotate a federated
// assertion in the middle of a test.
func (s *Server) RegisterClient(id string, c Client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[id] = c
	delete(s.certs, id)
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /common/discovery/instance", s.instanceDiscovery)
	s.mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", s.openIDConfiguration)
	s.mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", s.token)
	s.mux.HandleFunc("POST /{tenant}/oauth2/v2.0/devicecode", s.deviceCode)
	s.managedIdentityRoutes()
	s.mux.HandleFunc("/", s.notFound)
}

// SetLatency makes every answer wait d first (0: none), to test a slow authority. A client
// that gives up ends the wait.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	d := s.latency
	s.mu.Unlock()
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
}

// Requests returns every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// TokenRequests counts requests to the token endpoint, whatever their outcome.
func (s *Server) TokenRequests() int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/oauth2/v2.0/token") {
			n++
		}
	}
	return n
}

// Issued returns every secret-ish value the server handed out (access tokens, refresh tokens,
// id tokens, device codes), so tests can check that none of them leaks into output.
func (s *Server) Issued() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}
