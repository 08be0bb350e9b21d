package cmd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/emulator/secops"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/httplog"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/safefile"
)

// Version is set at build time with -ldflags "-X github.com/mdti-cli/mdti/cmd.Version=…".
// It must stay a plain string variable: -X does nothing to one initialised by a function
// call (the call would overwrite it at start-up). A build that sets none reports
// buildVersion().
var Version string

// buildVersion is Version, or else the module version: "v1.2.3" for `go install
// …@v1.2.3`, "dev" from a checkout. The build info is read only when the linker set none.
func buildVersion() string {
	if Version != "" {
		return Version
	}
	return moduleVersion("dev", debug.ReadBuildInfo)
}

// moduleVersion is the main module's version from the build info when the linker set
// none (version is still def): "v1.2.3" for `go install …@v1.2.3`. A build from a
// checkout says "(devel)" there, which keeps def.
func moduleVersion(def string, info func() (*debug.BuildInfo, bool)) string {
	bi, ok := info()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return def
	}
	return bi.Main.Version
}

// newFactory wires the concrete dependencies. Nothing is opened here: each piece is built
// the first time a command asks for it.
func newFactory(ios *iostreams.IOStreams, getenv func(string) string, flags *pflag.FlagSet) (*cmdutil.Factory, func()) {
	f := &cmdutil.Factory{IOStreams: ios, Getenv: getenv, Version: buildVersion(), Flags: &cmdutil.GlobalFlags{}}
	w := &wiring{f: f, flags: flags}
	f.Config = w.config
	f.GraphClient = w.graphClient
	f.GraphClientFor = w.graphClientFor
	f.Credential = w.credential
	f.AuthSettings = w.authSettings
	f.HTTPClient = w.httpClient
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

	hcOnce sync.Once
	hc     *http.Client
	hcErr  error
	tls    *lazyTLSTransport // hc's transport, below any --debug log

	credOnce sync.Once
	cred     *auth.Credential
	credErr  error
}

func (w *wiring) config() (*config.Config, error) {
	w.cfgOnce.Do(func() {
		src := config.Sources{Getenv: w.f.Getenv, Flags: w.flags,
			UserConfigDir: func() (string, error) { return userConfigDir(w.f.Getenv) }}
		// config.Load decides --demo/MDTI_DEMO itself and then reads no config file.
		w.cfg, w.cfgErr = config.Load(src)
		if w.cfgErr != nil {
			w.cfgErr = &cmdutil.FlagError{Err: w.cfgErr}
			return
		}
		for _, warning := range w.cfg.Warnings {
			fmt.Fprintf(w.f.IOStreams.ErrOut, "warning: %s\n", warning)
		}
		demoOwnDomains(w.cfg)
	})
	return w.cfg, w.cfgErr
}

// demoOwnDomains gives --demo the demo tenant's own domains when the user named none
// (MDTI_OWN_DOMAINS), so enrich and hunt --indicators skip them as a real tenant's
// config would: decided here once, every command reads cfg.OwnDomains.
func demoOwnDomains(cfg *config.Config) {
	if !cfg.Demo || len(cfg.OwnDomains) > 0 {
		return
	}
	cfg.OwnDomains = append([]string(nil), secops.OwnDomains...)
	cfg.Origins["own_domains"] = "demo"
}

func (w *wiring) graphClient() (*graph.Client, error) { return w.graphClientFor("") }

// graphClientFor builds a client on apiVersion ("" = the configured one).
func (w *wiring) graphClientFor(apiVersion string) (*graph.Client, error) {
	cfg, err := w.config()
	if err != nil {
		return nil, err
	}
	if apiVersion == "" {
		apiVersion = cfg.APIVersion
	}
	endpoint := cfg.GraphEndpoint
	if cfg.Demo {
		srv, err := w.demoServer()
		if err != nil {
			return nil, err
		}
		endpoint = srv.URL()
	}
	hc, err := w.httpClient()
	if err != nil {
		return nil, err
	}
	w.prefetchRoots(endpoint)
	cred, err := w.credential()
	if err != nil {
		return nil, err
	}
	opts := []graph.Option{
		graph.WithEndpoint(endpoint),
		graph.WithAPIVersion(apiVersion),
		graph.WithHTTPClient(hc),
		graph.WithTokenSource(cred),
		graph.WithRequestTimeout(cfg.Timeout),
		// --concurrency is a ceiling: the limiter drops to one request in flight on a 429
		// and climbs back as requests succeed.
		graph.WithLimiter(graph.NewAdaptiveLimiter(cfg.Concurrency)),
		graph.WithUserAgent("mdti/" + w.f.Version),
	}
	return graph.New(opts...), nil
}

// credential resolves the sign-in of docs/reference.md §6 (or the demo app under --demo).
func (w *wiring) credential() (*auth.Credential, error) {
	w.credOnce.Do(func() {
		s, err := w.authSettings()
		if err != nil {
			w.credErr = err
			return
		}
		cfg, _ := w.config()
		var profile *auth.Profile
		if p, ok := cfg.Profiles[cfg.Profile]; ok && !cfg.Demo {
			profile = toAuthProfile(cfg.Profile, p)
		}
		w.cred, err = auth.Resolve(s, profile)
		if err != nil {
			w.credErr = &cmdutil.AuthError{Err: err}
		}
	})
	return w.cred, w.credErr
}

// authSettings are the sign-in settings: the shared HTTP client, the keyring, the cache.
// Under --demo they sign the demo app in to the emulated Entra ID, with nothing stored.
func (w *wiring) authSettings() (auth.Settings, error) {
	cfg, err := w.config()
	if err != nil {
		return auth.Settings{}, err
	}
	hc, err := w.httpClient()
	if err != nil {
		return auth.Settings{}, err
	}
	s := auth.Settings{
		AuthorityHost: cfg.AuthorityHost,
		HTTPClient:    hc,
		CacheMode:     cfg.TokenCache,
		Getenv:        w.f.Getenv,
		Stderr:        w.f.IOStreams.ErrOut,
		Timeout:       cfg.Timeout,
	}
	if cfg.Demo {
		srv, err := w.demoServer()
		if err != nil {
			return auth.Settings{}, err
		}
		s.AuthorityHost, s.CacheMode, s.Store = srv.URL(), auth.CacheNone, auth.NewMemoryStore(0)
		s.Getenv = demoEnv
		return s, nil
	}
	s.Store = auth.NewKeyring(w.f.Getenv)
	if dir, err := userCacheDir(w.f.Getenv); err == nil {
		s.CacheDir = filepath.Join(dir, "mdti")
	}
	return s, nil
}

// demoEnv signs --demo in as the emulator's demo app with a client secret, so the demo
// runs MSAL for real; nothing of the user's environment leaks in.
func demoEnv(k string) string {
	switch k {
	case "AZURE_TENANT_ID":
		return emulator.DemoTenant
	case "AZURE_CLIENT_ID":
		return emulator.DemoClientID
	case "AZURE_CLIENT_SECRET":
		return emulator.DemoClientSecret
	}
	return ""
}

func toAuthProfile(name string, p config.Profile) *auth.Profile {
	return &auth.Profile{Name: name, Tenant: p.Tenant, ClientID: p.ClientID, Method: p.Method,
		CertificatePath: p.CertificatePath, HomeAccountID: p.HomeAccountID, Username: p.Username}
}

func (w *wiring) demoServer() (*emulator.Server, error) {
	w.demoOnce.Do(func() {
		// The demo's dates end just before today, so that "recent" examples find records.
		stack := emulator.NewStack(emulator.StackOptions{Graph: emulator.Options{RecentData: true}})
		w.demo, w.demoErr = emulator.Serve(context.Background(), "127.0.0.1:0", stack, true)
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

// httpClient is built once and shared by Graph and sign-in traffic. Under --debug its
// transport logs every exchange, secrets redacted.
func (w *wiring) httpClient() (*http.Client, error) {
	w.hcOnce.Do(func() {
		cfg, err := w.config()
		if err != nil {
			w.hcErr = err
			return
		}
		var caPEM []byte
		if cfg.Demo {
			srv, err := w.demoServer()
			if err != nil {
				w.hcErr = err
				return
			}
			caPEM = srv.CACertPEM()
		}
		w.hc, w.tls, w.hcErr = httpClient(cfg, caPEM)
		if w.hcErr == nil && cfg.Debug {
			w.hc.Transport = httplog.NewTransport(w.hc.Transport, w.f.IOStreams.ErrOut)
		}
	})
	return w.hc, w.hcErr
}

// prefetchRoots starts parsing the TLS root pool in the background when the Graph endpoint
// is https://, so that the parse (about 14 ms of CPU) overlaps sign-in, the client's set-up
// and the connection instead of following them. A plain http:// endpoint never parses it.
func (w *wiring) prefetchRoots(endpoint string) {
	if w.tls != nil && len(endpoint) >= 8 && strings.EqualFold(endpoint[:8], "https://") {
		w.tls.prefetch()
	}
}

// maxCABundle bounds --ca-cert: the whole Mozilla bundle is about 200 KB.
const maxCABundle = 8 << 20

// httpClient is shared by Graph and sign-in traffic: system roots plus --ca-cert, proxies
// from HTTPS_PROXY/NO_PROXY, TLS always verified. --ca-cert is read and checked now (a bad
// bundle is a usage error before anything is sent); the root pool is built at the first
// https request or prefetch (lazyTLSTransport). Under --demo it trusts the demo emulator's CA
// alone: every demo request goes to that emulator, so the system roots are never needed.
func httpClient(cfg *config.Config, extraPEM []byte) (*http.Client, *lazyTLSTransport, error) {
	var extra []*x509.Certificate
	if cfg.CACert != "" {
		pem, err := safefile.ReadRegular(cfg.CACert, maxCABundle)
		if err != nil {
			return nil, nil, &cmdutil.FlagError{Err: fmt.Errorf("read --ca-cert: %w", err)}
		}
		if extra = pemCertificates(pem); len(extra) == 0 {
			return nil, nil, &cmdutil.FlagError{Err: fmt.Errorf("--ca-cert %s holds no PEM certificate", cfg.CACert)}
		}
	}
	extra = append(extra, pemCertificates(extraPEM)...)
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	base.ForceAttemptHTTP2 = true
	base.MaxIdleConnsPerHost = 64
	base.ResponseHeaderTimeout = 0
	base.IdleConnTimeout = 90 * time.Second
	lt := &lazyTLSTransport{plain: base, extra: extra, systemRoots: x509.SystemCertPool}
	if cfg.Demo {
		lt.systemRoots = nil
	}
	return &http.Client{Transport: lt}, lt, nil
}

// userCacheDir is os.UserCacheDir read through the injected environment, so a test's
// environment decides where caches go, never the real $HOME.
func userCacheDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%LocalAppData% is not set")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Caches"), nil
		}
		return "", errors.New("$HOME is not set")
	}
	if d := getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache"), nil
	}
	return "", errors.New("neither $XDG_CACHE_HOME nor $HOME is set")
}

// userConfigDir is os.UserConfigDir read through the injected environment.
func userConfigDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return d, nil
		}
		return "", errors.New("%AppData% is not set")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support"), nil
		}
		return "", errors.New("$HOME is not set")
	}
	if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config"), nil
	}
	return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set")
}
