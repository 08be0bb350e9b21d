// Package emulatorcmd implements `mdti emulator`: the built-in Graph and Entra ID emulator
// as a server, for trying mdti, scripts and tests without a tenant.
package emulatorcmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Options are the inputs of `mdti emulator`.
type Options struct {
	IO          *iostreams.IOStreams
	Listen      string
	Latency     time.Duration
	Seed        int64
	RateLimit   float64
	PageSize    int
	FailureRate float64
	TLS         bool
	DocsLiteral bool
	TiRetired   bool
	TenantMode  string
	Permissions bool
}

// NewCmdEmulator serves the emulator until interrupted.
func NewCmdEmulator(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	c := &cobra.Command{
		Use:   "emulator",
		Short: "serve the built-in Graph Security and Entra ID emulator",
		Long: `Serve the emulator that powers --demo and the tests: the documented Graph threat-intelligence
and security endpoints (alerts, incidents, hunting, secure score, tiIndicators, security
actions; v1.0 and beta, paging, $batch, writes, errors, throttling) with sample data, and the
Entra ID token endpoints. It prints the environment that points mdti (or any Graph client) at it,
then serves until Ctrl-C. The demo application signs in with a client secret or with a
certificate written to a temporary file, removed on exit.

By default the answers are plain OData typed as Microsoft's resource tables say, as
Microsoft's SDKs expect. --docs-literal serves the documentation's examples as written
instead, quirks included (single entities wrapped in {"value": ...}, beta vulnerability
Booleans as strings, alternateName, #...hostName): real Graph may send either.

Drills: --ti-retired answers every tiIndicators request 404 as a removed API would;
--tenant unlicensed|unverified answers threat intelligence 403 as such a tenant gets it;
--enforce-permissions refuses a signed token that lacks the permission a request needs.`,
		Example: `  mdti emulator
  mdti emulator --listen 127.0.0.1:9443 --latency 20ms --rate-limit 500
  mdti emulator --tls=false --listen 127.0.0.1:8080
  mdti emulator --docs-literal
  mdti emulator --ti-retired --tenant unverified`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return emulatorRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Listen, "listen", "127.0.0.1:8443", "address `HOST:PORT` to listen on (port 0 picks a free one)")
	c.Flags().DurationVar(&opts.Latency, "latency", 0, "delay added to every Graph request")
	c.Flags().Int64Var(&opts.Seed, "seed", 1, "seed for request ids and other random values")
	c.Flags().Float64Var(&opts.RateLimit, "rate-limit", 0, "Graph requests per second before answering 429 (0 = unlimited)")
	c.Flags().IntVar(&opts.PageSize, "page-size", 100, "items per page of collections")
	c.Flags().Float64Var(&opts.FailureRate, "failure-rate", 0, "fraction (0-1) of Graph requests answered 503, for fault drills")
	c.Flags().BoolVar(&opts.TLS, "tls", true, "serve HTTPS with a generated CA (sign-in needs it)")
	c.Flags().BoolVar(&opts.DocsLiteral, "docs-literal", false, "serve the documentation's example payloads as written, quirks included")
	c.Flags().BoolVar(&opts.TiRetired, "ti-retired", false, "answer every tiIndicators request 404, as a retired API")
	c.Flags().StringVar(&opts.TenantMode, "tenant", "normal", "tenant state for threat intelligence: `normal`, unlicensed or unverified")
	c.Flags().BoolVar(&opts.Permissions, "enforce-permissions", false, "refuse signed tokens that lack the permission a request needs (403)")
	_ = c.RegisterFlagCompletionFunc("tenant", cobra.FixedCompletions([]string{"normal", "unlicensed", "unverified"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func emulatorRun(ctx context.Context, opts *Options) error {
	tenantMode, err := parseTenantMode(opts.TenantMode)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "mdti-emulator-")
	if err != nil {
		return fmt.Errorf("create the emulator's directory: %w", err)
	}
	defer os.RemoveAll(dir)
	var demoCert []byte
	certPath := ""
	if opts.TLS {
		if demoCert, certPath, err = writeDemoCertificate(dir); err != nil {
			return err
		}
	}
	stack := emulator.NewStack(emulator.StackOptions{
		Graph: emulator.Options{
			Latency: opts.Latency, Seed: opts.Seed, RateLimit: opts.RateLimit, PageSize: opts.PageSize,
			FailureRate: opts.FailureRate, DocsLiteral: opts.DocsLiteral,
			TiIndicatorsRetired: opts.TiRetired, TenantMode: tenantMode, EnforcePermissions: opts.Permissions,
		},
		AcceptStaticToken:  true,
		DemoCertificatePEM: demoCert,
	})
	srv, err := emulator.Serve(ctx, opts.Listen, stack, opts.TLS)
	if err != nil {
		return fmt.Errorf("start the emulator: %w", err)
	}
	defer srv.Close()
	caPath, err := writeCA(srv, dir)
	if err != nil {
		return err
	}
	printEnv(opts.IO, srv.URL(), caPath, certPath, opts.TLS)
	<-ctx.Done()
	fmt.Fprintln(opts.IO.ErrOut, "emulator stopped")
	return nil
}

// writeCA saves the generated CA so other processes can trust the emulator.
func writeCA(srv *emulator.Server, dir string) (string, error) {
	pem := srv.CACertPEM()
	if len(pem) == 0 {
		return "", nil
	}
	path := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, pem, 0o600); err != nil {
		return "", fmt.Errorf("save the emulator CA: %w", err)
	}
	return path, nil
}

// writeDemoCertificate makes the demo app's certificate and saves it with its key, the
// file AZURE_CLIENT_CERTIFICATE_PATH names; it returns the certificate to register.
func writeDemoCertificate(dir string) ([]byte, string, error) {
	certPEM, bundle, err := emulator.NewDemoCertificate()
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(dir, "demo-app.pem")
	if err := os.WriteFile(path, bundle, 0o600); err != nil {
		return nil, "", fmt.Errorf("save the demo app certificate: %w", err)
	}
	return certPEM, path, nil
}

// printEnv prints shell lines that point mdti at the emulator. With TLS the demo app signs
// in through MSAL for real, with its secret or its certificate; MDTI_TOKEN is the shortcut
// without sign-in.
func printEnv(ios *iostreams.IOStreams, url, caPath, certPath string, tls bool) {
	out := ios.Out
	fmt.Fprintf(out, "# mdti emulator listening on %s (Ctrl-C stops it)\n", url)
	fmt.Fprintf(out, "export MDTI_GRAPH_ENDPOINT=%s\n", url)
	if caPath != "" {
		fmt.Fprintf(out, "export MDTI_CA_CERT=%s\n", caPath)
	}
	if tls {
		fmt.Fprintf(out, "export MDTI_AUTHORITY_HOST=%s\n", url)
		fmt.Fprintln(out, "# sign in as the demo app with its client secret:")
		fmt.Fprintf(out, "export AZURE_TENANT_ID=%s AZURE_CLIENT_ID=%s AZURE_CLIENT_SECRET=%s\n",
			emulator.DemoTenant, emulator.DemoClientID, emulator.DemoClientSecret)
		fmt.Fprintln(out, "# or with its certificate (certificate and key, removed when the emulator stops):")
		fmt.Fprintf(out, "# unset AZURE_CLIENT_SECRET; export AZURE_TENANT_ID=%s AZURE_CLIENT_ID=%s AZURE_CLIENT_CERTIFICATE_PATH=%s\n",
			emulator.DemoTenant, emulator.DemoClientID, certPath)
		fmt.Fprintln(out, "# or, without sign-in:")
		fmt.Fprintf(out, "# export MDTI_TOKEN=%s\n", emulator.StaticToken)
		return
	}
	fmt.Fprintf(out, "export MDTI_TOKEN=%s\n", emulator.StaticToken)
}

// parseTenantMode checks --tenant before anything starts: the emulator refuses an unknown
// mode, and a typo must be a usage error, not a panic.
func parseTenantMode(s string) (string, error) {
	switch s {
	case "normal", "":
		return emulator.TenantNormal, nil
	case "unlicensed":
		return emulator.TenantUnlicensed, nil
	case "unverified":
		return emulator.TenantUnverified, nil
	}
	return "", cmdutil.FlagErrorf("invalid --tenant %q: want normal, unlicensed or unverified", s)
}
