package hunt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// demoNow fixes the emulator's clock, so its hunting rows are the same on every run.
var demoNow = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// run executes `mdti hunt args…` against an emulator, stdout a terminal of width columns
// (0 = piped), and returns stdout and stderr.
func run(t *testing.T, width int, output string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	emu := emulator.New(emulator.Options{Seed: 1, Now: func() time.Time { return demoNow }})
	return runOn(t, emu, width, output, stdin, args...)
}

// runOn is run against any Graph stand-in.
func runOn(t *testing.T, graphSrv http.Handler, width int, output string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	srv := httptest.NewServer(graphSrv)
	t.Cleanup(srv.Close)
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	ios.SetStdinTTY(stdin == "")
	if width > 0 {
		ios.SetStdoutTTY(true)
		ios.SetStderrTTY(true)
		ios.SetWidth(width)
	}
	f := &cmdutil.Factory{
		IOStreams: ios,
		Flags:     &cmdutil.GlobalFlags{},
		Config: func() (*config.Config, error) {
			return &config.Config{Output: output, NoColor: true}, nil
		},
		GraphClient: func() (*graph.Client, error) {
			return graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t"))), nil
		},
	}
	err := sharedtest.Execute(NewCmdHunt(f, nil), args...)
	return out.String(), errOut.String(), err
}

// golden is sharedtest.Golden: one -update flag for every package's golden files.
func golden(t *testing.T, name, got string) {
	t.Helper()
	sharedtest.Golden(t, name, got)
}

// The table's columns are the schema's, fitted to the terminal by truncating text columns.
func TestTableGolden(t *testing.T) {
	for _, width := range []int{80, 200} {
		out, _, err := run(t, width, "table", "", "DeviceNetworkEvents | project Timestamp, DeviceName, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName | take 5")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if n := len([]rune(line)); n > width {
				t.Errorf("width %d: line of %d columns: %q", width, n, line)
			}
		}
		golden(t, "table_"+strconv.Itoa(width), out)
	}
}

// Dynamic values are compact JSON, Booleans and numbers as they are.
func TestTableGoldenTyped(t *testing.T) {
	out, _, err := run(t, 200, "table", "", "DeviceInfo | project Timestamp, DeviceName, IsAzureADJoined, LoggedOnUsers, ReportId | take 3")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "table_typed_200", out)
}

func TestQueryFromStdinFileOrArgument(t *testing.T) {
	const q = "DeviceInfo | project DeviceName | take 1"
	file := filepath.Join(t.TempDir(), "q.kql")
	os.WriteFile(file, []byte("\ufeff"+q+"\n"), 0o600)
	for name, c := range map[string]struct {
		stdin string
		args  []string
	}{
		"argument":       {"", []string{q}},
		"stdin piped":    {q + "\n", nil},
		"stdin as -":     {q, []string{"-"}},
		"-f FILE":        {"", []string{"-f", file}},
		"-f - for stdin": {q, []string{"-f", "-"}},
	} {
		out, _, err := run(t, 0, "table", c.stdin, c.args...)
		if err != nil || out != "DeviceName\nws-fin-014.corp.contoso.com\n" {
			t.Errorf("%s: %q, %v", name, out, err)
		}
	}
}

func TestUsageErrorsSendNothing(t *testing.T) {
	for name, c := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"empty argument":        {"", []string{"  "}, "the query is empty"},
		"empty stdin":           {"\n\n", nil, "the query is empty"},
		"no query at all":       {"", nil, "no query"},
		"argument and file":     {"", []string{"T", "-f", "q.kql"}, "not both"},
		"missing file":          {"", []string{"-f", filepath.Join(t.TempDir(), "none.kql")}, "read query file"},
		"bad timespan":          {"", []string{"T", "--timespan", "last week"}, "invalid --timespan"},
		"schema and indicators": {"", []string{"T", "--output-schema", "--indicators"}, "choose one"},
		"skip-domain alone":     {"", []string{"T", "--skip-domain", "contoso.com"}, "only applies with --indicators"},
		"bad skip-domain":       {"", []string{"T", "--indicators", "--skip-domain", "10.0.0.1"}, "invalid --skip-domain"},
	} {
		_, _, err := run(t, 0, "table", c.stdin, c.args...)
		var flagErr *cmdutil.FlagError
		if !errors.As(err, &flagErr) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want a usage error saying %q", name, err, c.want)
		}
	}
}

func TestRunFGetsTheTimespanAsSent(t *testing.T) {
	f := sharedtest.Factory()
	var got *Options
	c := NewCmdHunt(f, func(_ context.Context, o *Options) error { got = o; return nil })
	if err := sharedtest.Execute(c, "T", "--timespan", "7d", "--indicators", "--skip-domain", "contoso.com", "--skip-domain", "fabrikam.com"); err != nil {
		t.Fatal(err)
	}
	if got.timespan != "P7D" || !got.Indicators || strings.Join(got.SkipDomains, ",") != "contoso.com,fabrikam.com" {
		t.Errorf("options %+v", got)
	}
}

func TestIndicatorsNoteOnATerminal(t *testing.T) {
	out, errOut, err := run(t, 80, "table", "", "DeviceNetworkEvents | take 5", "--indicators", "--skip-domain", "contoso.com")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "indicators", out+"-- stderr --\n"+errOut)
}

// A 206 with a Warning header is the Security API's way of saying a provider failed: the
// rows are printed and stderr says they may be incomplete, piped or not.
func TestPartialContentSaidOnStderr(t *testing.T) {
	partial := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Warning", `199 - "Microsoft/MDE/504/10000"`)
		w.Header().Add("Warning", `199 - "Microsoft/MDO/403/10"`)
		w.WriteHeader(http.StatusPartialContent)
		fmt.Fprint(w, `{"schema":[{"name":"A","type":"Int64"}],"results":[{"A":1}]}`)
	})
	out, errOut, err := runOn(t, partial, 0, "table", "", "T")
	if err != nil || out != "A\n1\n" {
		t.Fatalf("out %q, %v", out, err)
	}
	want := "warning: the result may be incomplete: Graph answered 206 Partial Content (a data provider failed or timed out): " +
		`199 - "Microsoft/MDE/504/10000"; 199 - "Microsoft/MDO/403/10"` + "\n"
	if errOut != want {
		t.Errorf("stderr %q\nwant   %q", errOut, want)
	}
}
