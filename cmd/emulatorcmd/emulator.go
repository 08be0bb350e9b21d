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
)

// Options are the inputs of `mdti emulator`.
type Options struct {
	Factory     *cmdutil.Factory
	Listen      string
	Latency     time.Duration
	Seed        int64
	RateLimit   float64
	PageSize    int
	FailureRate float64
	TLS         bool
}

// NewCmdEmulator serves the emulator until interrupted.
func NewCmdEmulator(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	c := &cobra.Command{
		Use:   "emulator",
		Short: "serve the built-in Graph threat-intelligence and Entra ID emulator",
		Long: `Serve the emulator that powers --demo and the tests: the documented Graph threat-intelligence
endpoints (v1.0 and beta, paging, $batch, errors, throttling) with sample data, and the Entra
ID token endpoints. It prints the environment that points mdti at it, then serves until
Ctrl-C.`,
		Example: `  mdti emulator
  mdti emulator --listen 127.0.0.1:9443 --latency 20ms --rate-limit 500
  mdti emulator --tls=false --listen 127.0.0.1:8080`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return emulatorRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Listen, "listen", "127.0.0.1:8443", "`ADDR`ess to listen on (port 0 picks a free one)")
	c.Flags().DurationVar(&opts.Latency, "latency", 0, "delay added to every Graph request")
	c.Flags().Int64Var(&opts.Seed, "seed", 1, "seed for request ids and other random values")
	c.Flags().Float64Var(&opts.RateLimit, "rate-limit", 0, "Graph requests per second before answering 429 (0 = unlimited)")
	c.Flags().IntVar(&opts.PageSize, "page-size", 100, "items per page of collections")
	c.Flags().Float64Var(&opts.FailureRate, "failure-rate", 0, "fraction (0-1) of Graph requests answered 503, for fault drills")
	c.Flags().BoolVar(&opts.TLS, "tls", true, "serve HTTPS with a generated CA (sign-in needs it)")
	return c
}

func emulatorRun(ctx context.Context, opts *Options) error {
	stack := emulator.NewStack(emulator.StackOptions{
		Graph: emulator.Options{
			Latency: opts.Latency, Seed: opts.Seed, RateLimit: opts.RateLimit, PageSize: opts.PageSize,
			FailureRate: opts.FailureRate,
		},
		AcceptStaticToken: true,
	})
	srv, err := emulator.Serve(ctx, opts.Listen, stack, opts.TLS)
	if err != nil {
		return fmt.Errorf("start the emulator: %w", err)
	}
	defer srv.Close()
	caPath, err := writeCA(srv)
	if err != nil {
		return err
	}
	if caPath != "" {
		defer os.RemoveAll(filepath.Dir(caPath))
	}
	printEnv(opts.Factory, srv.URL(), caPath, opts.TLS)
	<-ctx.Done()
	fmt.Fprintln(opts.Factory.IOStreams.ErrOut, "emulator stopped")
	return nil
}

// writeCA saves the generated CA so other processes can trust the emulator.
func writeCA(srv *emulator.Server) (string, error) {
	pem := srv.CACertPEM()
	if len(pem) == 0 {
		return "", nil
	}
	dir, err := os.MkdirTemp("", "mdti-emulator-")
	if err != nil {
		return "", fmt.Errorf("save the emulator CA: %w", err)
	}
	path := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, pem, 0o600); err != nil {
		return "", fmt.Errorf("save the emulator CA: %w", err)
	}
	return path, nil
}

// printEnv prints shell lines that point mdti at the emulator. With TLS the demo app's
// client secret signs in through MSAL for real; MDTI_TOKEN is the shortcut without it.
func printEnv(f *cmdutil.Factory, url, caPath string, tls bool) {
	out := f.IOStreams.Out
	fmt.Fprintf(out, "# mdti emulator listening on %s (Ctrl-C stops it)\n", url)
	fmt.Fprintf(out, "export MDTI_GRAPH_ENDPOINT=%s\n", url)
	if caPath != "" {
		fmt.Fprintf(out, "export MDTI_CA_CERT=%s\n", caPath)
	}
	if tls {
		fmt.Fprintf(out, "export MDTI_AUTHORITY_HOST=%s\n", url)
		fmt.Fprintf(out, "export AZURE_TENANT_ID=%s AZURE_CLIENT_ID=%s AZURE_CLIENT_SECRET=%s\n",
			emulator.DemoTenant, emulator.DemoClientID, emulator.DemoClientSecret)
		fmt.Fprintln(out, "# or, without sign-in:")
		fmt.Fprintf(out, "# export MDTI_TOKEN=%s\n", emulator.StaticToken)
		return
	}
	fmt.Fprintf(out, "export MDTI_TOKEN=%s\n", emulator.StaticToken)
}
