package pdns

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// run executes `mdti pdns args…` against an emulator serving pages of one record.
func run(t *testing.T, flags cmdutil.GlobalFlags, now time.Time, args ...string) (string, []string) {
	t.Helper()
	emu := emulator.New(emulator.Options{PageSize: 1, Seed: 1})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	ios, _, out, _ := iostreams.Test()
	f := &cmdutil.Factory{
		IOStreams: ios,
		Flags:     &flags,
		Config: func() (*config.Config, error) {
			return &config.Config{Output: "jsonl", Concurrency: 1}, nil
		},
		GraphClient: func() (*graph.Client, error) {
			return graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t"))), nil
		},
	}
	cmd := NewCmdPDNS(f, func(ctx context.Context, o *Options) error {
		o.Now = func() time.Time { return now }
		return pdnsRun(ctx, o)
	})
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(out)
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("pdns %v: %v", args, err)
	}
	var reqs []string
	for _, r := range emu.Requests() {
		reqs = append(reqs, r.RawPath+"?"+r.RawQuery)
	}
	return out.String(), reqs
}

func TestAllWalksEveryPage(t *testing.T) {
	out, reqs := run(t, cmdutil.GlobalFlags{All: true, Limit: 100}, time.Now(), "contoso.com")
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d records, want 3:\n%s", n, out)
	}
	want := []string{
		"/v1.0/security/threatIntelligence/hosts/contoso.com/passiveDns?",
		"/v1.0/security/threatIntelligence/hosts/contoso.com/passiveDns?$skip=1",
		"/v1.0/security/threatIntelligence/hosts/contoso.com/passiveDns?$skip=2",
	}
	if strings.Join(reqs, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(reqs, "\n"), strings.Join(want, "\n"))
	}
}

func TestLimitStopsEarly(t *testing.T) {
	out, reqs := run(t, cmdutil.GlobalFlags{Limit: 2}, time.Now(), "contoso.com")
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d records, want 2", n)
	}
	if len(reqs) != 2 || reqs[0] != "/v1.0/security/threatIntelligence/hosts/contoso.com/passiveDns?$top=2" || reqs[1] != "/v1.0/security/threatIntelligence/hosts/contoso.com/passiveDns?$skip=1&$top=1" {
		t.Errorf("requests = %q", reqs)
	}
}

// --since is applied to the stream: every page is read, records outside the window are
// dropped, and they do not count against --limit.
func TestSinceFiltersTheStream(t *testing.T) {
	now := time.Date(2023, 7, 31, 0, 0, 0, 0, time.UTC)
	out, reqs := run(t, cmdutil.GlobalFlags{Limit: 1}, now, "contoso.com", "--since", "30d")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `"id":"20.112.52.29"`) {
		t.Errorf("out = %s", out)
	}
	// 20.103.85.33 (last seen 2023-03-07) is dropped; 20.112.52.29 is the second record.
	if len(reqs) != 2 || strings.Contains(reqs[0], "$top") || strings.Contains(reqs[0], "$filter") {
		t.Errorf("requests = %q", reqs)
	}
}
