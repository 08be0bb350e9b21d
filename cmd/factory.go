package cmd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Version is set at build time with -ldflags "-X github.com/mdti-cli/mdti/cmd.Version=…".
var Version = "dev"

// newFactory wires the concrete dependencies. Nothing is opened here: each piece is built
// the first time a command asks for it.
func newFactory(ios *iostreams.IOStreams, getenv func(string) string, flags *pflag.FlagSet) (*cmdutil.Factory, func()) {
	f := &cmdutil.Factory{IOStreams: ios, Getenv: getenv, Version: Version, Flags: &cmdutil.GlobalFlags{}}
	w := &wiring{f: f, flags: flags}
	f.Config = w.config
	f.GraphClient = w.graphClient
	return f, w.close
}

// wiring builds the factory's lazy dependencies once each.
type wiring struct {
	f     *cmdutil.Factory
	flags *pflag.FlagSet

	cfgOnce sync.Once
	cfg     *config.Config
	cfgErr  error

	demoOnce sync.Once
	demo     *emulator.Server
	demoErr  error
}

func (w *wiring) config() (*config.Config, error) {
	w.cfgOnce.Do(func() {
		src := config.Sources{Getenv: w.f.Getenv, Flags: w.flags}
		if w.demoRequested() {
			// --demo never reads or writes the user's files: settings come from flags,
			// environment and defaults only.
			src.NoFile = true
		}
		w.cfg, w.cfgErr = config.Load(src)
		if w.cfgErr != nil {
			w.cfgErr = &cmdutil.FlagError{Err: w.cfgErr}
		}
	})
	return w.cfg, w.cfgErr
}

func (w *wiring) demoRequested() bool {
	if fl := w.flags.Lookup("demo"); fl != nil && fl.Changed && fl.Value.String() == "true" {
		return true
	}
	return w.f.Getenv("MDTI_DEMO") == "1" || w.f.Getenv("MDTI_DEMO") == "true"
}

func (w *wiring) graphClient() (*graph.Client, error) {
	cfg, err := w.config()
	if err != nil {
		return nil, err
	}
	endpoint, caPEM := cfg.GraphEndpoint, []byte(nil)
	if cfg.Demo {
		srv, err := w.demoServer()
		if err != nil {
			return nil, err
		}
		endpoint, caPEM = srv.URL(), srv.CACertPEM()
	}
	hc, err := httpClient(cfg, caPEM)
	if err != nil {
		return nil, err
	}
	ts, err := w.tokenSource(cfg)
	if err != nil {
		return nil, err
	}
	opts := []graph.Option{
		graph.WithEndpoint(endpoint),
		graph.WithAPIVersion(cfg.APIVersion),
		graph.WithHTTPClient(hc),
		graph.WithTokenSource(ts),
		graph.WithRequestTimeout(cfg.Timeout),
		graph.WithUserAgent("mdti/" + Version),
	}
	if cfg.Debug {
		opts = append(opts, graph.WithDebugLog(w.f.IOStreams.ErrOut))
	}
	return graph.New(opts...), nil
}

// tokenSource resolves the credential of CONTRACT.md §6.
func (w *wiring) tokenSource(cfg *config.Config) (graph.TokenSource, error) {
	if cfg.Demo {
		return graph.StaticToken("mdti-demo"), nil
	}
	if tok := w.f.Getenv("MDTI_TOKEN"); tok != "" {
		return graph.StaticToken(tok), nil
	}
	return nil, &cmdutil.AuthError{Err: fmt.Errorf("not signed in")}
}

func (w *wiring) demoServer() (*emulator.Server, error) {
	w.demoOnce.Do(func() {
		emu := emulator.New(emulator.Options{})
		w.demo, w.demoErr = emulator.Serve(context.Background(), "127.0.0.1:0", emu, true)
		if w.demoErr != nil {
			w.demoErr = fmt.Errorf("start the demo emulator: %w", w.demoErr)
		}
	})
	return w.demo, w.demoErr
}

func (w *wiring) close() {
	if w.demo != nil {
		w.demo.Close()
	}
}

// httpClient is shared by Graph and sign-in traffic: system roots plus --ca-cert, proxies
// from HTTPS_PROXY/NO_PROXY, TLS always verified.
func httpClient(cfg *config.Config, extraPEM []byte) (*http.Client, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if cfg.CACert != "" {
		pem, err := os.ReadFile(cfg.CACert)
		if err != nil {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("read --ca-cert: %w", err)}
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("--ca-cert %s holds no PEM certificate", cfg.CACert)}
		}
	}
	if len(extraPEM) > 0 {
		pool.AppendCertsFromPEM(extraPEM)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	tr.ForceAttemptHTTP2 = true
	tr.MaxIdleConnsPerHost = 64
	tr.ResponseHeaderTimeout = 0
	tr.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: tr}, nil
}
