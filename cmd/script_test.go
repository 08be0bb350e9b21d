package cmd_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
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
//	requests            print the requests the emulator got ("METHOD PATH?QUERY", with each
//	                    $batch item indented below its POST), then forget them
//	emulator latency D  add D to every Graph request
//	emulator ratelimit N  answer 429 above N requests per second
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: false,
		Setup:               setupEmulator,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"requests": cmdRequests,
			"exits":    cmdExits,
			"emulator": cmdEmulator,
		},
	})
}

type emulatorKey struct{}

func setupEmulator(env *testscript.Env) error {
	emu := emulator.New(emulator.Options{Seed: 1})
	srv := httptest.NewServer(emu)
	env.Defer(srv.Close)
	env.Values[emulatorKey{}] = emu
	work := env.WorkDir
	for k, v := range map[string]string{
		"EMULATOR":            srv.URL,
		"MDTI_GRAPH_ENDPOINT": srv.URL,
		"MDTI_TOKEN":          "script-token",
		"HOME":                filepath.Join(work, "home"),
		"XDG_CONFIG_HOME":     filepath.Join(work, "home", ".config"),
		"XDG_CACHE_HOME":      filepath.Join(work, "home", ".cache"),
		"MDTI_CONFIG_DIR":     filepath.Join(work, "config"),
		"NO_COLOR":            "",
		"MDTI_TOKEN_CACHE":    "none",
	} {
		env.Setenv(k, v)
	}
	return nil
}

func scriptEmulator(ts *testscript.TestScript) *emulator.Emulator {
	return ts.Value(emulatorKey{}).(*emulator.Emulator)
}

func cmdRequests(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 0 {
		ts.Fatalf("usage: requests")
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
		for _, sub := range batchItems(r.Body) {
			b.WriteString("  " + sub + "\n")
		}
	}
	emu.ResetRequests()
	fmt.Fprint(ts.Stdout(), b.String())
}

func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: emulator latency D | emulator ratelimit N")
	}
	emu := scriptEmulator(ts)
	switch args[0] {
	case "latency":
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		emu.SetLatency(d)
	case "ratelimit":
		var n float64
		_, err := fmt.Sscan(args[1], &n)
		ts.Check(err)
		emu.SetRateLimit(n)
	default:
		ts.Fatalf("unknown emulator setting %q", args[0])
	}
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
