package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/render"
)

// status is what `mdti auth status` reports.
type status struct {
	Profile       string `json:"profile"`
	Method        string `json:"method"`
	Tenant        string `json:"tenant,omitempty"`
	ClientID      string `json:"clientId,omitempty"`
	Account       string `json:"account,omitempty"`
	Source        string `json:"source"`
	ExpiresOn     string `json:"expiresOn,omitempty"`
	TokenCache    string `json:"tokenCache"`
	CacheLocation string `json:"cacheLocation,omitempty"`
	SignedIn      bool   `json:"signedIn"`
	Error         string `json:"error,omitempty"`
}

var statusView = render.View{Columns: []render.Column{
	{Header: "PROFILE", Field: "profile"},
	{Header: "METHOD", Field: "method"},
	{Header: "TENANT", Field: "tenant", Truncate: true},
	{Header: "CLIENT", Field: "clientId", Truncate: true},
	{Header: "ACCOUNT", Field: "account", Truncate: true},
	{Header: "SOURCE", Field: "source"},
	{Header: "EXPIRES", Field: "expiresOn"},
	{Header: "TOKEN CACHE", Field: "tokenCache", Truncate: true},
	{Header: "CACHE FILE", Field: "cacheLocation", Truncate: true},
}}

func newCmdStatus(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "show which credential mdti uses and whether it still gets a token",
		Long: `Show the credential mdti would use (profile, method, tenant, client, account, where it came
from), when its access token expires and where the token cache lives. It gets a token
silently (from the cache, or refreshed) to prove the sign-in works; it exits 4 when not
signed in or the sign-in no longer works.`,
		Example: "  mdti auth status\n  mdti auth status -o json\n  mdti --profile prod auth status",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return statusRun(c.Context(), f)
		},
	}
}

func statusRun(ctx context.Context, f *cmdutil.Factory) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	cred, err := f.Credential()
	if err != nil {
		return err
	}
	st := status{Profile: cred.Profile, Method: cred.Method, Tenant: cred.Tenant, ClientID: cred.ClientID,
		Account: cred.Account, Source: cred.Source, TokenCache: cred.CacheStorage(), CacheLocation: cred.CacheLocation}
	if st.Profile == "" {
		st.Profile = cfg.Profile
	}
	_, tokErr := cred.Token(ctx, "")
	st.SignedIn = tokErr == nil
	if tokErr != nil {
		st.Error = tokErr.Error()
	} else if exp := cred.ExpiresOn(); !exp.IsZero() {
		st.ExpiresOn = exp.UTC().Format(time.RFC3339)
	}
	if err := printStatus(f, st); err != nil {
		return err
	}
	if tokErr != nil {
		return &cmdutil.AuthError{Err: fmt.Errorf("the %s credential does not get a token: %w", cred.Method, tokErr)}
	}
	return nil
}

func printStatus(f *cmdutil.Factory, st status) error {
	p, _, err := f.Printer(statusView, true)
	if err != nil {
		return err
	}
	rec, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := p.Add(rec); err != nil {
		return err
	}
	return p.Close()
}

func newCmdToken(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "token",
		Short: "print a valid access token for Microsoft Graph",
		Long: `Print a valid access token for Microsoft Graph on stdout, refreshing it silently when
needed: for curl and other tools. Treat the output as a secret.`,
		Example: `  curl -H "Authorization: Bearer $(mdti auth token)" https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/contoso.com`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cred, err := f.Credential()
			if err != nil {
				return err
			}
			tok, err := cred.Token(c.Context(), "")
			if err != nil {
				return &cmdutil.AuthError{Err: fmt.Errorf("get a token: %w", err)}
			}
			_, err = fmt.Fprintln(f.IOStreams.Out, tok)
			return err
		},
	}
}

func newCmdLogout(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "forget a saved sign-in: its keyring entries, token cache and profile",
		Long: `Remove the profile's keyring entries (client secret, cache key), its token cache file and
its entry in the config file. Environment credentials and MDTI_TOKEN are not affected.`,
		Example: "  mdti auth logout\n  mdti --profile prod auth logout",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return logoutRun(c.Context(), f)
		},
	}
}

func logoutRun(ctx context.Context, f *cmdutil.Factory) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	p, ok := cfg.Profiles[cfg.Profile]
	if !ok {
		return &cmdutil.AuthError{Err: fmt.Errorf("%w: no saved profile %q", auth.ErrNotSignedIn, cfg.Profile)}
	}
	s, err := f.AuthSettings()
	if err != nil {
		return err
	}
	ap := &auth.Profile{Name: cfg.Profile, Tenant: p.Tenant, ClientID: p.ClientID, Method: p.Method,
		CertificatePath: p.CertificatePath, HomeAccountID: p.HomeAccountID, Username: p.Username}
	logoutErr := auth.Logout(ctx, s, ap)
	if err := deleteProfile(cfg.Path, cfg.Profile); err != nil {
		return errors.Join(logoutErr, err)
	}
	if logoutErr != nil {
		return fmt.Errorf("log out of profile %q: %w", cfg.Profile, logoutErr)
	}
	fmt.Fprintf(f.IOStreams.ErrOut, "Logged out of profile %q.\n", cfg.Profile)
	return nil
}
