package enrich

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

func TestFlags(t *testing.T) {
	var got *Options
	c := NewCmdEnrich(sharedtest.Factory(), Incidents, Help{}, func(_ context.Context, o *Options) error {
		got = o
		return nil
	})
	err := sharedtest.Execute(c, "41001", "41002", "--with", "Whois,pdns", "--skip-domain", "a.example",
		"--skip-domain", "b.example", "--fail-on", "malicious", "--comment", "--dry-run")
	if err != nil || got == nil {
		t.Fatalf("run: %v", err)
	}
	if strings.Join(got.Args, " ") != "41001 41002" || strings.Join(got.With, ",") != "Whois,pdns" ||
		strings.Join(got.SkipDomains, ",") != "a.example,b.example" || got.FailOn != "malicious" ||
		got.MaxScore != -1 || !got.Comment || !got.DryRun || got.Source != Incidents {
		t.Errorf("options %+v", got)
	}
	// A dry run writes nothing: the read permission still names what a 403 needs.
	if p := c.Annotations[cmdutil.PermissionAnnotation]; p != "SecurityIncident.Read.All" {
		t.Errorf("permission with --dry-run = %q", p)
	}

	c = NewCmdEnrich(sharedtest.Factory(), Incidents, Help{}, func(context.Context, *Options) error { return nil })
	if err := sharedtest.Execute(c, "41001", "--comment"); err != nil {
		t.Fatal(err)
	}
	if p := c.Annotations[cmdutil.PermissionAnnotation]; p != "SecurityIncident.ReadWrite.All" {
		t.Errorf("permission with --comment = %q, want the write permission", p)
	}

	for _, tt := range []struct {
		src  Source
		args []string
		err  string
	}{
		{Incidents, []string{"1", "--with", "host,nope"}, `invalid --with "nope": valid datasets are host, whois, pdns,`},
		{Incidents, []string{"1", "--dry-run"}, "--dry-run previews --comment"},
		{Incidents, []string{"1", "--fail-on", "neutral"}, `invalid --fail-on "neutral"`},
		{Incidents, []string{"1", "--max-score", "101"}, `invalid argument "101" for "--max-score" flag: want 0 to 100`},
		{Alerts, []string{"1", "--comment"}, "unknown flag: --comment"},
	} {
		ran := false
		err := sharedtest.Execute(NewCmdEnrich(sharedtest.Factory(), tt.src, Help{}, func(context.Context, *Options) error {
			ran = true
			return nil
		}), tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.err) || ran {
			t.Errorf("%q: error %v (ran %v), want %q", tt.args, err, ran, tt.err)
		}
	}
}

func TestParseDatasetsKeepsOrderOnceEach(t *testing.T) {
	sets, err := parseDatasets([]string{"PDNS", "host", " pdns ", "", "whois"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range sets {
		names = append(names, d.name)
	}
	if strings.Join(names, ",") != "pdns,host,whois" {
		t.Errorf("datasets %q", names)
	}
	if d, _ := findDataset("host"); d.path("a.example") != graph.TIPath("hosts", "a.example") || !d.entity {
		t.Errorf("host dataset %+v", d)
	}
	if d, _ := findDataset("certs"); d.path("a.example") != graph.TIPath("hosts", "a.example", "sslCertificates") || d.entity {
		t.Errorf("certs dataset %+v", d)
	}
}

func TestSummariseCountsAndFindsTheMostRecent(t *testing.T) {
	total := int64(42)
	page := &graph.Page{Count: &total, Items: []json.RawMessage{
		json.RawMessage(`{"lastSeenDateTime":"2026-01-01T00:00:00.5Z"}`),
		json.RawMessage(`{"lastSeenDateTime":"2026-01-01T00:00:00Z"}`),
		json.RawMessage(`{"firstSeenDateTime":"2025-12-31T00:00:00Z"}`),
		json.RawMessage(`{"lastSeenDateTime":"not a time"}`),
	}}
	got, err := summarise(page)
	// Compared as times, not strings: ".5Z" is later than "Z" though it sorts first.
	if err != nil || string(got) != `{"count":42,"mostRecent":"2026-01-01T00:00:00.5Z"}` {
		t.Errorf("summary %s, %v", got, err)
	}
	got, _ = summarise(&graph.Page{Items: page.Items[2:3]})
	if string(got) != `{"count":1,"mostRecent":"2025-12-31T00:00:00Z"}` {
		t.Errorf("without @odata.count: %s", got)
	}
	got, _ = summarise(&graph.Page{})
	if string(got) != `{"count":0,"mostRecent":null}` {
		t.Errorf("empty: %s", got)
	}
}

// A collection dataset reads one page, however many records the host has.
func TestFirstPageSummaryNeverPages(t *testing.T) {
	emu := emulator.New(emulator.Options{PageSize: 1, Seed: 1})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	client := graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t")))
	got, err := firstPageSummary(context.Background(), client, graph.TIPath("hosts", "contoso.com", "passiveDns"))
	if err != nil {
		t.Fatal(err)
	}
	var s collectionSummary
	if err := json.Unmarshal(got, &s); err != nil || s.Count != 3 || s.MostRecent == nil {
		t.Errorf("summary %s (%v): want the count of all 3 records from one page", got, err)
	}
	reqs := emu.Requests()
	if len(reqs) != 1 || reqs[0].RawQuery != "%24count=true&%24top=10" && reqs[0].RawQuery != "$count=true&$top=10" {
		t.Errorf("requests %+v, want one with $count=true&$top=10", reqs)
	}
}

func TestCells(t *testing.T) {
	rec := render.Object{"evidence": []any{"analyzedMessage", "ip", "networkConnection", "file"},
		"classification": "suspicious", "rules": []any{
			map[string]any{"name": "Low one", "severity": "low"},
			map[string]any{"name": "Blocklist", "severity": "high"},
			map[string]any{"name": "Second high", "severity": "high"},
		}, "alertIds": []any{"a", "b"}}
	if got := evidenceCell(rec); got != "mail,ip,conn,file" {
		t.Errorf("evidence %q", got)
	}
	if got := ruleCell(rec); got != "Blocklist (high)" {
		t.Errorf("rule %q", got)
	}
	if got := classCell(rec); got != "suspicious" {
		t.Errorf("class %q", got)
	}
	if got := countCell("alertIds")(rec); got != "2" {
		t.Errorf("alerts %q", got)
	}
	skipped := render.Object{"skipped": "own-domain", "rules": []any{}}
	if classCell(skipped) != "skipped" || ruleCell(skipped) != "own-domain (not sent)" {
		t.Errorf("skipped: %q %q", classCell(skipped), ruleCell(skipped))
	}
}

// run executes enrich against the emulator with stderr on a terminal or not.
func run(t *testing.T, src Source, stderrTTY bool, output string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	emu := emulator.New(emulator.Options{Seed: 1})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	ios, _, out, errOut := iostreams.Test()
	ios.SetStderrTTY(stderrTTY)
	f := &cmdutil.Factory{
		IOStreams: ios,
		Flags:     &cmdutil.GlobalFlags{},
		Config: func() (*config.Config, error) {
			return &config.Config{Output: output, Concurrency: 2, APIVersion: "v1.0",
				OwnDomains: []string{"contoso.com", "contoso.onmicrosoft.com"}}, nil
		},
		GraphClient: func() (*graph.Client, error) {
			return graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t"))), nil
		},
	}
	err = sharedtest.Execute(NewCmdEnrich(f, src, Help{}, nil), args...)
	return out.String(), errOut.String(), err
}

func TestSummaryLinePerIncidentOnATerminal(t *testing.T) {
	_, stderr, err := run(t, Incidents, true, "jsonl", "41001", "41002")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"incident 41001: 5 malicious, 5 suspicious, 2 neutral, 3 unknown, 4 skipped\n",
		"incident 41002: 0 malicious, 0 suspicious, 6 neutral, 0 unknown, 2 skipped\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
	// Piped, or with one incident, stderr stays quiet.
	if _, stderr, _ := run(t, Incidents, false, "jsonl", "41001", "41002"); stderr != "" {
		t.Errorf("piped stderr %q", stderr)
	}
	if _, stderr, _ := run(t, Incidents, true, "jsonl", "41001"); strings.Contains(stderr, "incident 41001:") {
		t.Errorf("one incident, stderr %q", stderr)
	}
}

func TestTableSortsMaliciousFirstJSONKeepsEvidenceOrder(t *testing.T) {
	table, _, err := run(t, Incidents, false, "table", "41002", "41001")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if !strings.HasPrefix(lines[1], "41001\t") || !strings.Contains(lines[1], "\tmalicious\t") ||
		!strings.Contains(lines[len(lines)-1], "\tskipped\t") {
		t.Errorf("table order:\n%s", table)
	}
	jsonl, _, _ := run(t, Incidents, false, "jsonl", "41002", "41001")
	if !strings.HasPrefix(jsonl, `{"incidentId":"41002","indicator":"20.103.85.33",`) {
		t.Errorf("jsonl starts %.80s", jsonl)
	}
}

func TestAlertsEnrichGatesWithoutIncidents(t *testing.T) {
	out, stderr, err := run(t, Alerts, false, "jsonl", "fa6384100100_-1147402967", "--max-score", "90")
	if cmdutil.ExitCode(err) != cmdutil.ExitThreshold {
		t.Fatalf("exit %d (%v), want 3", cmdutil.ExitCode(err), err)
	}
	if stderr != "2 of 5 hosts scored above 90\n" || strings.Contains(out, "incidentId") {
		t.Errorf("stderr %q, out %.200s", stderr, out)
	}
}

// A failed POST is told on stderr with its hint; the other incidents still get their
// comment, and the error's exit code outranks the threshold's.
func TestCommentFailureIsReportedAndOutranksTheGate(t *testing.T) {
	emu := emulator.New(emulator.Options{Seed: 1})
	var posts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/comments") {
			posts = append(posts, r.URL.Path)
			if strings.Contains(r.URL.Path, "/41001/") {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error":{"code":"Forbidden","message":"no write"}}`))
				return
			}
		}
		emu.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ios, _, _, errOut := iostreams.Test()
	f := &cmdutil.Factory{IOStreams: ios, Flags: &cmdutil.GlobalFlags{},
		Config: func() (*config.Config, error) {
			return &config.Config{Output: "jsonl", Concurrency: 1, APIVersion: "v1.0"}, nil
		},
		GraphClient: func() (*graph.Client, error) {
			return graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t"))), nil
		},
	}
	err := sharedtest.Execute(NewCmdEnrich(f, Incidents, Help{}, nil), "41001", "41002", "--comment", "--fail-on", "malicious")
	if cmdutil.ExitCode(err) != cmdutil.ExitForbidden {
		t.Errorf("exit %d (%v), want 6", cmdutil.ExitCode(err), err)
	}
	if strings.Join(posts, " ") != "/v1.0/security/incidents/41001/comments /v1.0/security/incidents/41002/comments" {
		t.Errorf("posts %q", posts)
	}
	stderr := errOut.String()
	for _, want := range []string{
		"mdti: comment on incident 41001: ",
		"hint: the app or user needs the SecurityIncident.ReadWrite.All permission",
		"5 of 21 hosts at or above malicious\n", // no own domains here: intranet.contoso.com is sent
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
}
