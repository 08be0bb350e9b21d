package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// TestMain lets the test binary act as the mdti binary inside scripts, so every story runs
// the real CLI as a separate process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mdti": func() { os.Exit(cmd.Main()) },
	})
}

// TestScripts runs the user stories of testdata/script/*.txtar against a fresh emulator
// per script. Each script sees:
//
//	$EMULATOR  the emulator's base URL (also MDTI_GRAPH_ENDPOINT)
//	MDTI_TOKEN a token the emulator accepts; HOME, config and cache dirs under $WORK
//
// and these commands besides testscript's own:
//
//	exits N CMD ARGS... run CMD and require exit code N (stdout/stderr kept for checks)
//	requests [-body]    print the requests the emulator got ("METHOD PATH?QUERY", with each
//	                    $batch item indented below its POST), then forget them; -body adds
//	                    "  body JSON" below each other request that carried a body
//	emulator latency D  add D to every Graph request
//	emulator ratelimit N  answer 429 above N requests per second
//	emulator docs-literal on|off  serve the documentation's examples as written, or not
//	emulator pagesize N  serve collections N records a page
//	emulator ti-retired on|off    tiIndicators answers 404 as a removed entity set
//	emulator permissions on|off   check the roles/scp of JWT tokens (opaque tokens pass)
//	emulator tenant normal|unlicensed|unverified  threatIntelligence answers 403 in the latter two
//	emulator app ID SECRET|public [PERMISSION...]  register an app whose tokens carry exactly
//	                    these roles (confidential, SECRET) or scopes (public client)
//	interrupt INT|TERM mdti ARGS...  send a signal once mdti has printed a line; require
//	                    exit 130 by cancelling in-flight requests, whole lines on stdout
//	nosecrets ISSUED [SECRET...] [-- EXCLUDED...]  no secret in any file under $WORK
//	perms MODE PATH...  require exactly these permission bits
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: false,
		Setup:               emulatorSetup(false),
		Cmds:                scriptCmds(),
		Condition:           scriptCondition(false),
	})
}

// literalStories are the threat-intelligence lookup stories, which must print the same
// against an emulator serving the documentation's examples as written (value wrappers,
// string Booleans, alternateName, hostName): real Graph may send either form.
var literalStories = []string{
	"host", "reputation", "cookies", "trackers", "components", "ports", "certs", "cert",
	"subdomains", "pairs", "pdns", "whois", "article", "profile", "vuln", "api",
}

// TestScriptsDocsLiteral runs literalStories against an emulator with DocsLiteral on.
// A story tells the modes apart with the [literal] condition, only where it prints raw
// bodies (mdti api).
func TestScriptsDocsLiteral(t *testing.T) {
	files := make([]string, len(literalStories))
	for i, s := range literalStories {
		files[i] = filepath.Join("testdata", "script", s+".txtar")
	}
	testscript.Run(t, testscript.Params{
		Files:               files,
		RequireExplicitExec: false,
		Setup:               emulatorSetup(true),
		Cmds:                scriptCmds(),
		Condition:           scriptCondition(true),
	})
}

type emulatorKey struct{}

type stackKey struct{}

// setupEmulator serves a fresh Graph + Entra ID emulator over TLS for one script.
func scriptCmds() map[string]func(*testscript.TestScript, bool, []string) {
	cmds := map[string]func(*testscript.TestScript, bool, []string){
		"requests":  cmdRequests,
		"exits":     cmdExits,
		"emulator":  cmdEmulator,
		"interrupt": cmdInterrupt,
		"nosecrets": cmdNoSecrets,
		"perms":     cmdPerms,
	}
	for k, v := range authCmds {
		cmds[k] = v
	}
	return cmds
}

// emulatorSetup serves a fresh Graph + Entra ID emulator over TLS for one script, in
// DocsLiteral mode when docsLiteral is set.
func emulatorSetup(docsLiteral bool) func(*testscript.Env) error {
	return func(env *testscript.Env) error { return setupEmulator(env, docsLiteral) }
}

func setupEmulator(env *testscript.Env, docsLiteral bool) error {
	stack := emulator.NewStack(emulator.StackOptions{
		Graph:          emulator.Options{Seed: 1, DocsLiteral: docsLiteral},
		AcceptAnyToken: true,
		Entra:          entra.Options{PollInterval: time.Second},
	})
	srv, err := emulator.Serve(context.Background(), "127.0.0.1:0", stack, true)
	if err != nil {
		return err
	}
	env.Defer(func() { srv.Close() })
	env.Values[emulatorKey{}] = stack.Graph
	env.Values[stackKey{}] = stack
	work := env.WorkDir
	caPath := filepath.Join(work, "emulator-ca.pem")
	if err := os.WriteFile(caPath, srv.CACertPEM(), 0o600); err != nil {
		return err
	}
	for k, v := range map[string]string{
		"EMULATOR":            srv.URL(),
		"MDTI_GRAPH_ENDPOINT": srv.URL(),
		"MDTI_AUTHORITY_HOST": srv.URL(),
		"MDTI_CA_CERT":        caPath,
		"MDTI_TOKEN":          "script-token",
		"DEMO_TENANT":         emulator.DemoTenant,
		"DEMO_CLIENT_ID":      emulator.DemoClientID,
		"DEMO_CLIENT_SECRET":  emulator.DemoClientSecret,
		"HOME":                filepath.Join(work, "home"),
		"XDG_CONFIG_HOME":     filepath.Join(work, "home", ".config"),
		"XDG_CACHE_HOME":      filepath.Join(work, "home", ".cache"),
		"MDTI_CONFIG_DIR":     filepath.Join(work, "config"),
		"NO_COLOR":            "",
		"MDTI_TOKEN_CACHE":    "file",
		// The OS keyring is there only when the test runs inside a D-Bus session
		// (make test-keyring); otherwise it is unavailable, as in most CI containers.
		"DBUS_SESSION_BUS_ADDRESS": os.Getenv("DBUS_SESSION_BUS_ADDRESS"),
		"XDG_RUNTIME_DIR":          filepath.Join(work, "run"),
	} {
		env.Setenv(k, v)
	}
	return nil
}

func scriptEmulator(ts *testscript.TestScript) *emulator.Emulator {
	return ts.Value(emulatorKey{}).(*emulator.Emulator)
}

func cmdRequests(ts *testscript.TestScript, neg bool, args []string) {
	bodies := len(args) == 1 && args[0] == "-body"
	if neg || (len(args) > 0 && !bodies) {
		ts.Fatalf("usage: requests [-body]")
	}
	emu := scriptEmulator(ts)
	var b strings.Builder
	for _, r := range emu.Requests() {
		line := r.Method + " " + r.RawPath
		if r.RawQuery != "" {
			q, err := url.QueryUnescape(r.RawQuery)
			ts.Check(err)
			line += "?" + q
		}
		b.WriteString(line + "\n")
		subs := batchItems(r.Body)
		for _, sub := range subs {
			b.WriteString("  " + sub + "\n")
		}
		if bodies && len(subs) == 0 && len(r.Body) > 0 {
			b.WriteString("  body " + compactJSON(r.Body) + "\n")
		}
	}
	emu.ResetRequests()
	fmt.Fprint(ts.Stdout(), b.String())
}

func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if !neg && len(args) >= 3 && args[0] == "app" {
		cmdEmulatorApp(ts, args[1], args[2], args[3:])
		return
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: emulator latency D | ratelimit N | docs-literal on|off | pagesize N | ti-retired on|off | permissions on|off | tenant normal|unlicensed|unverified | app ID SECRET|public [PERMISSION...]")
	}
	emu := scriptEmulator(ts)
	switch args[0] {
	case "ti-retired":
		emu.SetTiIndicatorsRetired(args[1] == "on")
	case "permissions":
		emu.SetEnforcePermissions(args[1] == "on")
	case "tenant":
		mode := args[1]
		if mode == "normal" {
			mode = emulator.TenantNormal
		}
		ts.Check(emu.SetTenantMode(mode))
	case "latency":
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		emu.SetLatency(d)
	case "ratelimit":
		var n float64
		_, err := fmt.Sscan(args[1], &n)
		ts.Check(err)
		emu.SetRateLimit(n)
	case "docs-literal":
		emu.SetDocsLiteral(args[1] == "on")
	case "pagesize":
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		emu.SetPageSize(n)
	default:
		ts.Fatalf("unknown emulator setting %q", args[0])
	}
}

// cmdEmulatorApp registers an app in the emulated Entra ID whose tokens carry exactly the
// given permissions: application roles for a confidential app (SECRET), delegated scopes
// for a public one ("public", device code sign-in).
func cmdEmulatorApp(ts *testscript.TestScript, id, secret string, perms []string) {
	perms = append([]string{}, perms...) // none given: tokens without any
	c := entra.Client{Secret: secret, Roles: perms}
	if secret == "public" {
		c = entra.Client{Public: true, Scopes: perms}
	}
	ts.Value(stackKey{}).(*emulator.Stack).Entra.RegisterClient(id, c)
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("run %s: %v", args[1], err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// compactJSON is a request body on one line (as sent when it is not JSON).
func compactJSON(body []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, body) != nil {
		return string(body)
	}
	return buf.String()
}

// batchItems lists the "METHOD URL" of each request in a $batch body.
func batchItems(body []byte) []string {
	var batch struct {
		Requests []struct{ Method, URL string } `json:"requests"`
	}
	if json.Unmarshal(body, &batch) != nil {
		return nil
	}
	out := make([]string, len(batch.Requests))
	for i, r := range batch.Requests {
		out[i] = r.Method + " " + r.URL
	}
	return out
}

// scriptCondition adds [keyring]: a Secret Service session bus is available.
// scriptCondition answers [keyring] (a real OS keyring is there) and [literal] (the
// emulator serves the documentation's examples as written).
func scriptCondition(docsLiteral bool) func(string) (bool, error) {
	return func(cond string) (bool, error) {
		switch cond {
		case "keyring":
			return os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && os.Getenv("KEYRING_REAL") == "1", nil
		case "literal":
			return docsLiteral, nil
		}
		return false, fmt.Errorf("unknown condition %q", cond)
	}
}
