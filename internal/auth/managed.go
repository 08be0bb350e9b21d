package auth

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
)

// MethodManagedIdentity signs in as the Azure resource's managed identity (VM, App Service,
// AKS pod through IMDS...).
const MethodManagedIdentity = "managed-identity"

// imdsOrigin is where IMDS answers on every Azure VM; MSAL hard-codes it.
const imdsOrigin = "http://169.254.169.254"

// managedIdentityRequested reads MDTI_MANAGED_IDENTITY. Managed identity is used only when
// asked for: on a machine outside Azure, MSAL would retry 169.254.169.254 for minutes.
func managedIdentityRequested(getenv func(string) string) (bool, error) {
	switch v := strings.ToLower(strings.TrimSpace(getenv("MDTI_MANAGED_IDENTITY"))); v {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, fmt.Errorf("%w: MDTI_MANAGED_IDENTITY %s: want 1 or true (0, false or unset: off); AZURE_CLIENT_ID picks a user-assigned identity",
			ErrInvalidSetting, quote(v))
	}
}

// managedCredential is the managed identity: system-assigned, or the user-assigned one whose
// client ID is clientID. MSAL keeps its tokens in process memory; the endpoint is local.
func managedCredential(s Settings, clientID, source string) *Credential {
	return &Credential{Method: MethodManagedIdentity, ClientID: clientID, Source: source,
		src: &managedSource{s: s, clientID: clientID, redact: &redactor{}}}
}

type managedSource struct {
	s        Settings
	clientID string
	redact   *redactor

	once   sync.Once
	client managedidentity.Client
	err    error
}

func (m *managedSource) app() (managedidentity.Client, error) {
	m.once.Do(func() {
		var id managedidentity.ID = managedidentity.SystemAssigned()
		if m.clientID != "" {
			id = managedidentity.UserAssignedClientID(m.clientID)
		}
		source, err := managedidentity.GetSource()
		if err != nil {
			m.err = fmt.Errorf("managed identity: %w", err)
			return
		}
		var opts []managedidentity.ClientOption
		if hc := managedHTTPClient(m.s, source); hc != nil {
			opts = append(opts, managedidentity.WithHTTPClient(hc))
		}
		m.client, m.err = managedidentity.New(id, opts...)
		if m.err != nil {
			m.err = fmt.Errorf("managed identity (%s): %w", source, m.err)
		}
	})
	return m.client, m.err
}

func (m *managedSource) acquire(ctx context.Context, claims string) (string, time.Time, error) {
	app, err := m.app()
	if err != nil {
		return "", time.Time{}, err
	}
	var opts []managedidentity.AcquireTokenOption
	if claims != "" {
		opts = append(opts, managedidentity.WithClaims(claims))
	}
	res, err := app.AcquireToken(ctx, m.s.Scope, opts...) // MSAL trims "/.default" to the resource
	if err != nil {
		who := "system-assigned"
		if m.clientID != "" {
			who = "user-assigned " + m.clientID
		}
		return "", time.Time{}, fmt.Errorf("get token for the %s managed identity: %w", who, signInFailure(err, m.redact))
	}
	return res.AccessToken, res.ExpiresOn, nil
}

// managedHTTPClient pins MSAL's managed identity requests to the endpoint the platform
// announces, as the authority is pinned: IMDS, or IDENTITY_ENDPOINT / MSI_ENDPOINT. These are
// local http:// endpoints by design. MSAL reads the platform variables from the process
// environment, so this does too. Service Fabric needs a plain *http.Transport to pin its
// server certificate: MSAL's default client then (nil).
func managedHTTPClient(s Settings, source managedidentity.Source) *http.Client {
	origin := imdsOrigin
	switch source {
	case managedidentity.ServiceFabric:
		return nil
	case managedidentity.AppService, managedidentity.AzureArc:
		if e := osGetenv("IDENTITY_ENDPOINT"); e != "" {
			origin = e
		} else {
			origin = "http://127.0.0.1:40342" // Azure Arc's fixed local endpoint
		}
	case managedidentity.CloudShell, managedidentity.AzureML:
		origin = osGetenv("MSI_ENDPOINT")
	}
	hc, err := pinnedClient(s.HTTPClient, origin, s.Timeout)
	if err != nil {
		// An unparsable endpoint: MSAL will fail on it with its own message.
		return nil
	}
	return hc
}
