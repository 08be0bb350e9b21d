package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// LoginOptions are the inputs of `mdti auth login`.
type LoginOptions struct {
	IO           *iostreams.IOStreams
	Config       func() (*config.Config, error)
	AuthSettings func() (auth.Settings, error)

	Tenant          string
	ClientID        string
	Device          bool
	ClientSecretIn  bool
	CertificatePath string
	CertPasswordIn  bool
	ManagedIdentity bool
}

func newCmdLogin(f *cmdutil.Factory, runF func(context.Context, *LoginOptions) error) *cobra.Command {
	opts := &LoginOptions{IO: f.IOStreams, Config: f.Config, AuthSettings: f.AuthSettings}
	c := &cobra.Command{
		Use:   "login --tenant T --client-id C (--device | --client-secret-stdin | --certificate FILE) | --managed-identity [--client-id C]",
		Short: "sign in and save the sign-in as a profile",
		Long: `Sign in to Entra ID and save the sign-in as a profile (tenant, client id, method; never a
secret) in the config file. The app registration needs the Microsoft Graph permission
ThreatIntelligence.Read.All (delegated for --device, application otherwise) with admin consent.

--device        device code: open the URL shown on stderr and enter the code. Works over SSH
                and without a terminal on stdin; waits until the code expires or Ctrl-C.
--client-secret-stdin
                read the app's client secret from stdin (a terminal prompts without echo).
                The secret is stored in the OS keyring, never in a file or a flag.
--certificate   sign in with a certificate: a PEM file holding the certificate and its RSA
                private key, or a PKCS#12 (.pfx/.p12) file (password from stdin with
                --certificate-password-stdin). Only the path is saved.
--managed-identity
                sign in as the managed identity of the Azure VM, App Service or AKS pod
                mdti runs on; no tenant. --client-id picks a user-assigned identity.

Client credentials need a concrete tenant (a GUID or a verified domain), not common or
organizations.`,
		Example: `  mdti auth login --tenant contoso.onmicrosoft.com --client-id 11111111-2222-3333-4444-555555555555 --device
  printf %s "$SECRET" | mdti auth login --tenant $TENANT --client-id $APP --client-secret-stdin --profile ci
  mdti auth login --tenant $TENANT --client-id $APP --certificate ~/certs/mdti.pem
  mdti auth login --managed-identity --profile azure-vm`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return loginRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Tenant, "tenant", "", "Entra ID tenant: GUID or domain (organizations allowed with --device)")
	c.Flags().StringVar(&opts.ClientID, "client-id", "", "application (client) ID of the app registration")
	c.Flags().BoolVar(&opts.Device, "device", false, "sign in a user with the device code flow")
	c.Flags().BoolVar(&opts.ClientSecretIn, "client-secret-stdin", false, "read the client secret from stdin")
	c.Flags().StringVar(&opts.CertificatePath, "certificate", "", "sign in with the certificate in `FILE` (PEM or PKCS#12)")
	c.Flags().BoolVar(&opts.CertPasswordIn, "certificate-password-stdin", false, "read the PKCS#12 password from stdin")
	c.Flags().BoolVar(&opts.ManagedIdentity, "managed-identity", false, "sign in as the Azure resource's managed identity")
	c.MarkFlagsMutuallyExclusive("device", "client-secret-stdin", "certificate", "managed-identity")
	return c
}

func loginRun(ctx context.Context, opts *LoginOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	switch {
	case opts.ManagedIdentity && opts.Tenant != "":
		return cmdutil.FlagErrorf("--managed-identity takes no --tenant: the identity's own tenant is used")
	case opts.ManagedIdentity:
	case opts.ClientID == "" || opts.Tenant == "":
		return cmdutil.FlagErrorf("--tenant and --client-id are required")
	case !opts.Device && !opts.ClientSecretIn && opts.CertificatePath == "":
		return cmdutil.FlagErrorf("choose a method: --device, --client-secret-stdin, --certificate FILE or --managed-identity")
	}
	lo, err := opts.loginOptions(cfg)
	if err != nil {
		return err
	}
	s, err := opts.AuthSettings()
	if err != nil {
		return err
	}
	profile, cred, err := auth.Login(ctx, s, lo)
	switch {
	case err != nil && errors.Is(err, auth.ErrAuthorityUnreachable):
		return fmt.Errorf("sign in: %w", err) // the network failed, not the sign-in (exit 1)
	case err != nil:
		return &cmdutil.AuthError{Err: fmt.Errorf("sign in: %w", err)}
	}
	if err := config.SaveProfile(cfg.Path, profile.Name, fromAuthProfile(profile)); err != nil {
		// A profile that is not saved cannot be logged out of later: forget its cache and
		// keyring entries now.
		if lerr := auth.Logout(ctx, s, profile); lerr != nil {
			return errors.Join(err, lerr)
		}
		return err
	}
	who := profile.Username
	if who == "" {
		who = "app " + profile.ClientID
	}
	fmt.Fprintf(opts.IO.ErrOut, "Signed in as %s in tenant %s (profile %q, %s). Tokens cached: %s.\n",
		who, profile.Tenant, profile.Name, profile.Method, cred.CacheStorage())
	return nil
}

func (opts *LoginOptions) loginOptions(cfg *config.Config) (auth.LoginOptions, error) {
	lo := auth.LoginOptions{Profile: cfg.Profile, Tenant: opts.Tenant, ClientID: opts.ClientID,
		Device: opts.Device, CertificatePath: opts.CertificatePath, ManagedIdentity: opts.ManagedIdentity}
	ios := opts.IO
	switch {
	case opts.ClientSecretIn:
		secret, err := ios.ReadSecret("Client secret: ")
		if err != nil || secret == "" {
			return lo, cmdutil.FlagErrorf("--client-secret-stdin: no secret on stdin")
		}
		lo.ClientSecret = secret
	case opts.CertPasswordIn:
		pw, err := ios.ReadSecret("Certificate password: ")
		if err != nil {
			return lo, cmdutil.FlagErrorf("--certificate-password-stdin: %w", err)
		}
		lo.CertificatePassword = pw
	}
	return lo, nil
}

func fromAuthProfile(p *auth.Profile) config.Profile {
	return config.Profile{Tenant: p.Tenant, ClientID: p.ClientID, Method: p.Method,
		CertificatePath: p.CertificatePath, HomeAccountID: p.HomeAccountID, Username: p.Username}
}

func deleteProfile(path, name string) error { return config.DeleteProfile(path, name) }
