package emulator

import (
	"errors"
	"net/http"

	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// The demo app registered in the emulated Entra ID. These are not secrets: they exist only
// inside the emulator, so --demo and `mdti emulator` can sign in with MSAL for real.
const (
	DemoTenant       = "contoso.onmicrosoft.com"
	DemoClientID     = "0d3e5ec7-0000-4000-8000-00000000d3e0"
	DemoClientSecret = "mdti-emulator-demo-secret"
	// StaticToken is a bearer token the `mdti emulator` server accepts as is (MDTI_TOKEN).
	StaticToken = "emulator"
)

// Stack is the whole emulated service: Graph threat intelligence, with Entra ID serving
// every other path and issuing the tokens Graph accepts.
type Stack struct {
	Graph *Emulator
	Entra *entra.Server
}

// StackOptions configures NewStack.
type StackOptions struct {
	Graph Options
	// AcceptStaticToken also lets StaticToken through, for MDTI_TOKEN users of `mdti emulator`.
	AcceptStaticToken bool
	// AcceptAnyToken lets Graph accept any bearer token except the reserved fault tokens,
	// for tests that use MDTI_TOKEN next to real sign-ins.
	AcceptAnyToken bool
	// Entra configures the emulated Entra ID; the demo app is always registered.
	Entra entra.Options
	// DemoCertificatePEM, when set, registers this certificate for the demo app beside its
	// secret, so clients can sign in with either (NewDemoCertificate makes one).
	DemoCertificatePEM []byte
}

// NewStack builds Graph and Entra ID emulators wired together, with the demo app registered.
func NewStack(o StackOptions) *Stack {
	idp := entra.New(o.Entra)
	// The demo app holds every permission the guarded families accept, so --demo works
	// with Options.EnforcePermissions on.
	idp.RegisterClient(DemoClientID, entra.Client{Secret: DemoClientSecret, CertificatePEM: string(o.DemoCertificatePEM), Roles: AllRoles, Scopes: AllRoles})
	g := o.Graph
	g.Fallback = idp
	if o.AcceptAnyToken {
		return &Stack{Graph: New(g), Entra: idp}
	}
	g.ValidateToken = func(tok string) error {
		if o.AcceptStaticToken && tok == StaticToken {
			return nil
		}
		if err := idp.ValidToken(tok); err != nil {
			return errors.Join(errInvalidToken, err)
		}
		return nil
	}
	return &Stack{Graph: New(g), Entra: idp}
}

var errInvalidToken = errors.New("the token was not issued by the emulated Entra ID")

// ServeHTTP serves Graph paths and hands the rest to Entra ID.
func (s *Stack) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.Graph.ServeHTTP(w, r) }
