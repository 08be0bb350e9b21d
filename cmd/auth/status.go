package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/iostreams"
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

// StatusOptions are the dependencies of `mdti auth status`; it has no flags of its own.
type StatusOptions struct {
	IO         *iostreams.IOStreams
	Config     func() (*config.Config, error)
	Credential func() (*auth.Credential, error)
	Flags      *cmdutil.GlobalFlags
}

func newCmdStatus(f *cmdutil.Factory) *cobra.Command {
	opts := &StatusOptions{IO: f.IOStreams, Config: f.Config, Credential: f.Credential, Flags: f.Flags}
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
			return statusRun(c.Context(), opts)
		},
	}
}

func statusRun(ctx context.Context, opts *StatusOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	cred, err := opts.Credential()
	if err != nil {
		return err
	}
	// The storage is asked for on its own, before the token: it reads the keyring and the
	// cache file's header, so it tells the truth whatever Token does next.
	storage, stErr := cred.Storage(ctx)
	st := status{Profile: cred.Profile, Method: cred.Method, Tenant: cred.Tenant, ClientID: cred.ClientID,
		Account: cred.Account, Source: cred.Source, TokenCache: storage.String(), CacheLocation: cred.CacheLocation}
	if st.Profile == "" {
		st.Profile = cfg.Profile
	}
	if stErr != nil {
		st.TokenCache, st.Error = "unusable", stErr.Error()
	}
	_, tokErr := cred.Token(ctx, "")
	st.SignedIn = tokErr == nil && stErr == nil
	if tokErr != nil {
		st.Error = tokErr.Error()
	} else if exp := cred.ExpiresOn(); !exp.IsZero() {
		st.ExpiresOn = exp.UTC().Format(time.RFC3339)
	}
	if err := printStatus(opts, cfg, st); err != nil {
		return err
	}
	switch {
	case tokErr != nil:
		return tokenError(fmt.Errorf("the %s credential does not get a token: %w", cred.Method, tokErr))
	case stErr != nil:
		return &cmdutil.AuthError{Err: fmt.Errorf("the token cache: %w", stErr)}
	}
	return nil
}

// tokenError is a failure to get a token: a sign-in failure (exit 4), unless the authority
// could not be reached or answered too late, which is a network error (exit 1).
func tokenError(err error) error {
	if errors.Is(err, auth.ErrAuthorityUnreachable) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &cmdutil.AuthError{Err: err}
}

func printStatus(opts *StatusOptions, cfg *config.Config, st status) error {
	p, _, err := shared.NewPrinter(opts.IO, cfg, opts.Flags, statusView, true)
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
	ios, credential := f.IOStreams, f.Credential
	return &cobra.Command{
		Use:   "token",
		Short: "print a valid access token for Microsoft Graph",
		Long: `Print a valid access token for Microsoft Graph on stdout, refreshing it silently when
needed: for curl and other tools. Treat the output as a secret.`,
		Example: `  curl -H "Authorization: Bearer $(mdti auth token)" https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/contoso.com`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cred, err := credential()
			if err != nil {
				return err
			}
			tok, err := cred.Token(c.Context(), "")
			if err != nil {
				return tokenError(fmt.Errorf("get a token: %w", err))
			}
			_, err = fmt.Fprintln(ios.Out, tok)
			return err
		},
	}
}

// LogoutOptions are the dependencies of `mdti auth logout`; it has no flags of its own.
type LogoutOptions struct {
	IO           *iostreams.IOStreams
	Config       func() (*config.Config, error)
	AuthSettings func() (auth.Settings, error)
}

func newCmdLogout(f *cmdutil.Factory) *cobra.Command {
	opts := &LogoutOptions{IO: f.IOStreams, Config: f.Config, AuthSettings: f.AuthSettings}
	return &cobra.Command{
		Use:   "logout",
		Short: "forget a saved sign-in: its keyring entries, token cache and profile",
		Long: `Remove the profile's keyring entries (client secret, cache key), its token cache file and
its entry in the config file. Environment credentials and MDTI_TOKEN are not affected.`,
		Example: "  mdti auth logout\n  mdti --profile prod auth logout",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return logoutRun(c.Context(), opts)
		},
	}
}

func logoutRun(ctx context.Context, opts *LogoutOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, ok := cfg.Profiles[cfg.Profile]
	if !ok {
		return &cmdutil.AuthError{Err: fmt.Errorf("%w: no saved profile %q", auth.ErrNotSignedIn, cfg.Profile)}
	}
	s, err := opts.AuthSettings()
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
	fmt.Fprintf(opts.IO.ErrOut, "Logged out of profile %q.\n", cfg.Profile)
	return nil
}
