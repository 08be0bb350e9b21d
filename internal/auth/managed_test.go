package auth_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

const userAssignedID = "33333333-3333-3333-3333-333333333333"

// managedFixture is an emulated Azure host: the emulator answers on plain http, as IMDS and
// App Service's local endpoint do, and an http.Client that dials it whatever the address
// stands in for 169.254.169.254, which MSAL hard-codes.
type managedFixture struct {
	entra *entra.Server
	ts    *httptest.Server
	env   map[string]string
}

func newManagedFixture(t *testing.T) *managedFixture {
	// MSAL reads the platform variables from the process environment: none may leak in.
	for _, k := range []string{"IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT"} {
		t.Setenv(k, "")
	}
	srv := entra.New(entra.Options{Clients: map[string]entra.Client{userAssignedID: {Secret: "unused"}}})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &managedFixture{entra: srv, ts: ts, env: map[string]string{"MDTI_MANAGED_IDENTITY": "1"}}
}

func (m *managedFixture) settings() auth.Settings {
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, m.ts.Listener.Addr().String())
	}
	// A resource of its own per test: MSAL's managed identity cache is process-wide.
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return auth.Settings{
		HTTPClient: &http.Client{Transport: &http.Transport{DialContext: dial}},
		Getenv:     func(k string) string { return m.env[k] },
		Store:      auth.NewMemoryStore(0),
		Scope:      "https://mi-" + hex.EncodeToString(b) + ".example/.default",
	}
}

func (m *managedFixture) token(t *testing.T, s auth.Settings, p *auth.Profile) *auth.Credential {
	t.Helper()
	c, err := auth.Resolve(s, p)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.Token(t.Context(), "")
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	if err := m.entra.ValidToken(tok); err != nil {
		t.Fatalf("token not issued by the emulator: %v", err)
	}
	return c
}

func TestManagedIdentityThroughIMDS(t *testing.T) {
	m := newManagedFixture(t)
	c := m.token(t, m.settings(), nil)
	if c.Method != auth.MethodManagedIdentity || c.Source != "env MDTI_MANAGED_IDENTITY" || c.ClientID != "" {
		t.Errorf("credential = %+v", c)
	}
	if st, _ := c.Storage(t.Context()); st.Kind != auth.StorageMemory {
		t.Errorf("storage = %+v", st)
	}
	m.env["AZURE_CLIENT_ID"] = userAssignedID
	if c := m.token(t, m.settings(), nil); c.ClientID != userAssignedID {
		t.Errorf("user-assigned credential = %+v", c)
	}
	reqs := m.entra.Requests()
	if len(reqs) != 2 || reqs[0].Path != entra.IMDSPath || reqs[0].ClientID != "" || reqs[1].ClientID != userAssignedID {
		t.Errorf("requests = %+v, want IMDS system-assigned then user-assigned", reqs)
	}
}

func TestManagedIdentityThroughAppService(t *testing.T) {
	m := newManagedFixture(t)
	t.Setenv("IDENTITY_ENDPOINT", m.ts.URL+entra.AppServicePath)
	t.Setenv("IDENTITY_HEADER", entra.AppServiceIdentityHeader)
	s := m.settings()
	p, _, err := auth.Login(t.Context(), s, auth.LoginOptions{Profile: "job", ManagedIdentity: true, ClientID: userAssignedID})
	if err != nil {
		t.Fatal(err)
	}
	if p.Method != auth.MethodManagedIdentity || p.ClientID != userAssignedID || p.Tenant != "" {
		t.Fatalf("profile = %+v", p)
	}
	delete(m.env, "MDTI_MANAGED_IDENTITY") // the saved profile alone selects it
	if c := m.token(t, s, p); c.Source != "profile job" {
		t.Errorf("credential = %+v", c)
	}
	reqs := m.entra.Requests()
	if len(reqs) == 0 || reqs[0].Path != entra.AppServicePath || reqs[0].ClientID != userAssignedID {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestManagedIdentityOnlyWhenAsked(t *testing.T) {
	m := newManagedFixture(t)
	delete(m.env, "MDTI_MANAGED_IDENTITY")
	if _, err := auth.Resolve(m.settings(), nil); !errors.Is(err, auth.ErrNotSignedIn) {
		t.Errorf("err = %v, want ErrNotSignedIn", err)
	}
	m.env["MDTI_MANAGED_IDENTITY"] = "yes"
	if _, err := auth.Resolve(m.settings(), nil); !errors.Is(err, auth.ErrInvalidSetting) {
		t.Errorf("MDTI_MANAGED_IDENTITY=yes: err = %v, want ErrInvalidSetting", err)
	}
	if n := len(m.entra.Requests()); n != 0 {
		t.Errorf("%d requests to the identity endpoint", n)
	}
}

func TestManagedIdentityStaysOnItsEndpoint(t *testing.T) {
	m := newManagedFixture(t)
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	redirect := httptest.NewServer(http.RedirectHandler(other.URL+"/steal", http.StatusTemporaryRedirect))
	defer redirect.Close()
	t.Setenv("IDENTITY_ENDPOINT", redirect.URL+entra.AppServicePath)
	t.Setenv("IDENTITY_HEADER", entra.AppServiceIdentityHeader)
	s := m.settings()
	s.HTTPClient = &http.Client{Transport: &http.Transport{}} // real addresses this time
	c, err := auth.Resolve(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Token(t.Context(), ""); !errors.Is(err, auth.ErrOffOrigin) {
		t.Errorf("err = %v, want ErrOffOrigin", err)
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
}
