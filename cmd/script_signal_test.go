package cmd_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/mdti-cli/mdti/internal/syncbuf"
)

// scriptEnvKeys are the variables a process started by cmdInterrupt inherits from the script.
var scriptEnvKeys = []string{
	"PATH", "HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
	"MDTI_GRAPH_ENDPOINT", "MDTI_AUTHORITY_HOST", "MDTI_CA_CERT", "MDTI_TOKEN", "MDTI_CONFIG_DIR",
	"MDTI_TOKEN_CACHE", "MDTI_OUTPUT", "MDTI_SPOOL_AFTER", "NO_COLOR", "GORACE", "GOCOVERDIR",
}

// cmdInterrupt runs the real mdti binary, waits until it has printed at least one whole
// line on stdout while more work is pending, sends it SIGNAL (INT, TERM or QUIT) and requires it
// to exit 130. Its stdout and stderr are kept for the next checks, and with -o jsonl every
// stdout line must be a whole JSON object:
//
//	interrupt INT|TERM|QUIT mdti ARGS...
//
// mdti talks to the emulator through a gate that, from just before the signal on, holds
// every new request until mdti gives up on it. mdti can then end only by cancelling its
// in-flight requests (docs/reference.md §7), never by finishing them, so the test needs no
// wall-clock bound that a busy machine could break; the generous limit below only catches
// a hang.
func cmdInterrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: interrupt INT|TERM|QUIT mdti ARGS...")
	}
	sig := map[string]os.Signal{"INT": os.Interrupt, "TERM": syscall.SIGTERM, "QUIT": syscall.SIGQUIT}[args[0]]
	if sig == nil {
		ts.Fatalf("unknown signal %q", args[0])
	}
	gate := startGate(ts)
	defer gate.close()
	bin := lookScriptPath(ts, args[1])
	cmd := exec.Command(bin, args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	for _, k := range scriptEnvKeys {
		if v := ts.Getenv(k); v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	cmd.Env = append(cmd.Env, "MDTI_GRAPH_ENDPOINT="+gate.srv.URL, "MDTI_CA_CERT="+gate.caPath)
	stdout, stderr := &syncbuf.Buffer{}, &syncbuf.Buffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	ts.Check(cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	deadline := time.After(20 * time.Second)
	for !strings.Contains(stdout.String(), "\n") {
		select {
		case err := <-done:
			ts.Fatalf("%s ended before it was interrupted: %v\nstderr: %s", args[1], err, stderr.String())
		case <-deadline:
			_ = cmd.Process.Kill()
			ts.Fatalf("%s printed nothing in 20s", args[1])
		case <-time.After(5 * time.Millisecond):
		}
	}
	gate.hold()
	ts.Check(cmd.Process.Signal(sig))
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		ts.Fatalf("%s still running 30s after SIG%s: it waits for requests it should cancel", args[1], args[0])
	}
	fmt.Fprint(ts.Stdout(), stdout.String())
	fmt.Fprint(ts.Stderr(), stderr.String())
	var exitErr *exec.ExitError
	code := 0
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	}
	if code != 130 {
		ts.Fatalf("%s exited %d after SIG%s, want 130\nstderr: %s", args[1], code, args[0], stderr.String())
	}
	out := stdout.String()
	if !strings.HasSuffix(out, "\n") {
		ts.Fatalf("stdout ends in half a line: %q", out[max(0, len(out)-80):])
	}
	if strings.Contains(strings.Join(args, " "), "jsonl") {
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var obj map[string]any
			if err := json.Unmarshal([]byte(line), &obj); err != nil {
				ts.Fatalf("stdout line %d is not a whole JSON object: %v: %.120q", i+1, err, line)
			}
		}
	}
}

// requestGate is a TLS proxy in front of the script's emulator. Once held, it answers no
// new request: each waits until its client goes away.
type requestGate struct {
	srv    *httptest.Server
	caPath string // the emulator's CA and the gate's certificate, for MDTI_CA_CERT
	held   atomic.Bool
}

func (g *requestGate) hold() { g.held.Store(true) }

// close drops the connections of a mdti that is gone before waiting for the handlers.
func (g *requestGate) close() {
	g.srv.CloseClientConnections()
	g.srv.Close()
}

func startGate(ts *testscript.TestScript) *requestGate {
	emuCA, err := os.ReadFile(ts.Getenv("MDTI_CA_CERT"))
	ts.Check(err)
	upstream, err := url.Parse(ts.Getenv("EMULATOR"))
	ts.Check(err)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(emuCA)
	proxy := httputil.NewSingleHostReverseProxy(upstream)
	proxy.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	g := &requestGate{}
	g.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.held.Load() {
			// Read the body first: net/http notices a client that went away only once the
			// request body is consumed, and a held $batch would otherwise wait forever.
			_, _ = io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
			return
		}
		proxy.ServeHTTP(w, r) // the emulator still records it; nextLinks name the gate's host
	}))
	gatePEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: g.srv.Certificate().Raw})
	g.caPath = filepath.Join(ts.Getenv("WORK"), "interrupt-ca.pem")
	ts.Check(os.WriteFile(g.caPath, append(append(emuCA, '\n'), gatePEM...), 0o600))
	return g
}

func lookScriptPath(ts *testscript.TestScript, name string) string {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	ts.Fatalf("%s not found in the script's PATH", name)
	return ""
}
