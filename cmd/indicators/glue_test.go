package indicators

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

func apiErr(status int, msg string) error {
	return &graph.APIError{StatusCode: status, Code: http.StatusText(status), Message: msg}
}

func TestRetiredTellsTheSetFromOneID(t *testing.T) {
	segment := "Resource not found for the segment 'tiIndicators'."
	for _, tc := range []struct {
		name    string
		err     error
		onSet   bool
		retired bool
		exit    int
	}{
		{"404 on the set", apiErr(404, "whatever"), true, true, cmdutil.ExitError},
		{"410 on the set", apiErr(410, "Gone"), true, true, cmdutil.ExitError},
		{"404 for one id", apiErr(404, "No tiIndicator with id 'x' was found."), false, false, cmdutil.ExitNotFound},
		{"404 for one id naming the segment", apiErr(404, segment), false, true, cmdutil.ExitError},
		{"400 on the set, a bad request", apiErr(400, "There's a limit of 100 tiIndicators per request"), true, false, cmdutil.ExitError},
		{"400 naming the segment", apiErr(400, segment), true, true, cmdutil.ExitError},
		{"403", apiErr(403, "Forbidden"), true, false, cmdutil.ExitForbidden},
		{"not an API error", errors.New("dial tcp: refused"), true, false, cmdutil.ExitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := retired(fmt.Errorf("wrapped: %w", tc.err), tc.onSet)
			var r *RetiredError
			if errors.As(got, &r) != tc.retired {
				t.Fatalf("retired(%v) = %v", tc.err, got)
			}
			if code := cmdutil.ExitCode(got); code != tc.exit {
				t.Errorf("exit %d, want %d", code, tc.exit)
			}
			if tc.retired && (!strings.Contains(got.Error(), "appears to be retired") || !strings.Contains(r.Hint(), "Sentinel") || !strings.Contains(r.Hint(), "Defender for Endpoint")) {
				t.Errorf("message %q, hint %q", got, r.Hint())
			}
		})
	}
}

func TestLooksLikeObjects(t *testing.T) {
	for in, want := range map[string]bool{
		`[{"action":"block"}]`:                       true,
		"\ufeff  {\"action\":\"block\"}\n":           true,
		"action,description,domainName\nblock,x,y":   true,
		`"domainName","action"` + "\na,b":            true,
		"evil.example\n203.0.113.7\n":                false,
		"hxxps://evil[.]example/login,bad.example\n": false,
	} {
		if got := looksLikeObjects([]byte(in)); got != want {
			t.Errorf("looksLikeObjects(%q) = %v", in, got)
		}
	}
	if got := hostLines([]byte("a.example\n\n# comment\n  b.example  \r\n")); strings.Join(got, ",") != "a.example,b.example" {
		t.Errorf("hostLines = %q", got)
	}
}

func TestWithDefaultsFillsOnlyWhatIsMissing(t *testing.T) {
	raw := json.RawMessage(`{"action":"alert","description":null,"domainName":"a.example"}`)
	got, err := withDefaults(raw, map[string]string{"action": "block", "description": "d", "tlpLevel": "green"})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"action":"alert","description":"d","domainName":"a.example","tlpLevel":"green"}` {
		t.Errorf("got %s", got)
	}
	same, _ := withDefaults(raw, map[string]string{"action": "block"})
	if string(same) != string(raw) {
		t.Errorf("a record with nothing to add changed: %s", same)
	}
}

func TestConfirmReadsOneAnswer(t *testing.T) {
	for in, want := range map[string]bool{"y\n": true, "YES\n": true, " yes ": true, "n\n": false, "\n": false, "": false, "sure\n": false} {
		var w strings.Builder
		got, err := confirm(strings.NewReader(in), &w, "Delete it?")
		if err != nil || got != want || !strings.HasPrefix(w.String(), "Delete it? [y/N] ") {
			t.Errorf("confirm(%q) = %v, %v; prompt %q", in, got, err, w.String())
		}
	}
}

func TestDeleteAsksOnlyWhereSomeoneCanAnswer(t *testing.T) {
	items := []item{{Query: "a"}, {Query: "b"}, {Query: "c"}, {Query: "d"}}
	for _, tc := range []struct {
		name     string
		stdinTTY bool
		stdout   bool
		args     []string
		yes      bool
		answer   bool
		asked    string
		err      string
	}{
		{"--yes", false, false, []string{"a"}, true, false, "", ""},
		{"pipe", false, false, []string{"a"}, false, false, "", "refusing to delete without --yes"},
		{"terminal, yes", true, false, []string{"a"}, false, true, "Delete tiIndicator a, b, c, and 1 more?", ""},
		{"terminal stdout, no", false, true, []string{"a"}, false, false, "Delete tiIndicator a, b, c, and 1 more?", "not confirmed"},
		{"ids on stdin", true, true, nil, false, true, "", "refusing to delete without --yes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			ios.SetStdinTTY(tc.stdinTTY)
			ios.SetStdoutTTY(tc.stdout)
			asked := ""
			opts := &DeleteOptions{Deps: shared.Deps{IO: ios, Flags: &cmdutil.GlobalFlags{}}, Args: tc.args, Yes: tc.yes,
				Confirm: func(q string) (bool, error) { asked = q; return tc.answer, nil }}
			err := opts.confirmed(items)
			if asked != tc.asked || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("asked %q, err %v", asked, err)
			}
			if err != nil && cmdutil.ExitCode(err) != cmdutil.ExitUsage {
				t.Errorf("exit %d", cmdutil.ExitCode(err))
			}
		})
	}
}

// bulkServer answers submitTiIndicators: the items whose domainName starts with "bad" fail
// (206), and status, when set for a request number, fails that request as a whole.
type bulkServer struct {
	mu     sync.Mutex
	sizes  []int
	status map[int]int
}

func (s *bulkServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct{ Value []map[string]any }
	_ = json.NewDecoder(r.Body).Decode(&body)
	s.mu.Lock()
	s.sizes = append(s.sizes, len(body.Value))
	n := len(s.sizes)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if st := s.status[n]; st != 0 {
		w.WriteHeader(st)
		fmt.Fprintf(w, `{"error":{"code":"InternalServerError","message":"request %d failed"}}`, n)
		return
	}
	var out []string
	failed := false
	for i, it := range body.Value {
		d, _ := it["domainName"].(string)
		if strings.HasPrefix(d, "bad") {
			failed = true
			out = append(out, `{"error":{"code":"BadRequest","message":"provider refused"}}`)
			continue
		}
		out = append(out, fmt.Sprintf(`{"id":"id-%d-%d","domainName":%q}`, n, i, d))
	}
	if failed {
		w.WriteHeader(http.StatusPartialContent)
	}
	fmt.Fprintf(w, `{"value":[%s]}`, strings.Join(out, ","))
}

func hostItems(t *testing.T, hosts ...string) []item {
	t.Helper()
	items := make([]item, len(hosts))
	for i, h := range hosts {
		body, _ := json.Marshal(map[string]string{"domainName": h})
		items[i] = item{Query: h, Body: body}
	}
	return items
}

func testDeps(t *testing.T, srv *httptest.Server, output string) (shared.Deps, *strings.Builder, *strings.Builder) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var out, errOut strings.Builder
	ios.Out, ios.ErrOut = &out, &errOut
	client := graph.New(graph.WithEndpoint(srv.URL), graph.WithAPIVersion("beta"), graph.WithMaxAttempts(1))
	return shared.Deps{
		IO: ios,
		Config: func() (*config.Config, error) {
			return &config.Config{Output: output, APIVersion: "beta", Concurrency: 1}, nil
		},
		GraphClient: func() (*graph.Client, error) { return client, nil },
		Flags:       &cmdutil.GlobalFlags{},
	}, &out, &errOut
}

// 250 items go out as 100, 100 and 50; a partial success reports each failed item in place.
func TestSendBulkChunksAndReportsEachItem(t *testing.T) {
	s := &bulkServer{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	hosts := make([]string, 250)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("h%03d.example", i)
	}
	hosts[150] = "bad.example"
	deps, out, errOut := testDeps(t, srv, "jsonl")
	client, _ := deps.GraphClient()
	items := hostItems(t, hosts...)
	outs, stray, err := sendBulk(context.Background(), client, bulkAction{Name: "submitTiIndicators"}, items)
	if err != nil || len(stray) != 0 {
		t.Fatal(err, stray)
	}
	if fmt.Sprint(s.sizes) != "[100 100 50]" {
		t.Errorf("chunks %v, want [100 100 50]", s.sizes)
	}
	err = printOutcomes(context.Background(), deps, items, outs, stray, false)
	if cmdutil.ExitCode(err) != cmdutil.ExitError {
		t.Errorf("exit %d, want 1 for a failed item", cmdutil.ExitCode(err))
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 250 {
		t.Fatalf("%d outcomes, want 250", len(lines))
	}
	if want := `{"query":"h000.example","id":"id-1-0","domainName":"h000.example"}`; lines[0] != want {
		t.Errorf("first outcome %s, want %s", lines[0], want)
	}
	if want := `{"query":"bad.example","error":{"code":"BadRequest","message":"provider refused","status":null}}`; lines[150] != want {
		t.Errorf("failed outcome %s, want %s", lines[150], want)
	}
	if want := "mdti: bad.example: BadRequest: provider refused\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

// A request that fails as a whole fails its items; the chunks after it are not sent.
func TestSendBulkStopsAfterAFailedRequest(t *testing.T) {
	s := &bulkServer{status: map[int]int{2: 500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	hosts := make([]string, 201)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("h%03d.example", i)
	}
	deps, out, _ := testDeps(t, srv, "table")
	client, _ := deps.GraphClient()
	items := hostItems(t, hosts...)
	outs, _, err := sendBulk(context.Background(), client, bulkAction{Name: "submitTiIndicators"}, items)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s.sizes) != "[100 100]" {
		t.Errorf("requests %v, want [100 100] and the last chunk not sent", s.sizes)
	}
	var apiErr *graph.APIError
	if outs[99].Err != nil || !errors.As(outs[100].Err, &apiErr) || apiErr.StatusCode != 500 || !errors.Is(outs[200].Err, errNotSent) {
		t.Errorf("outcomes 99/100/200: %v / %v / %v", outs[99].Err, outs[100].Err, outs[200].Err)
	}
	_ = printOutcomes(context.Background(), deps, items, outs, nil, false)
	if !strings.Contains(out.String(), "h200.example\tfailed\t\tnotSent: not sent: an earlier request of this run failed") ||
		!strings.Contains(out.String(), "h000.example\tok\tid-1-0\tdomainName h000.example") {
		t.Errorf("table:\n%s", out.String())
	}
}

// A single input that fails returns its error, printed once by the caller, nothing on stdout.
func TestOneFailedItemReturnsItsError(t *testing.T) {
	deps, out, errOut := testDeps(t, httptest.NewServer(http.NotFoundHandler()), "json")
	want := apiErr(404, "gone")
	err := printOutcomes(context.Background(), deps, hostItems(t, "a.example"), []outcome{{Err: want}}, nil, true)
	if !errors.Is(err, want) || out.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("err %v, stdout %q, stderr %q", err, out, errOut)
	}
}

// The flags parse into Defaults; every mistake is listed at once.
func TestIndicatorFlagsListEveryMistake(t *testing.T) {
	fl := IndicatorFlags{Action: "BLOCK", TLP: "purple", Expires: "yesterday", TargetProduct: "splunk"}
	_, err := fl.defaults(testNow)
	if err == nil || cmdutil.ExitCode(err) != cmdutil.ExitUsage {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"--tlp: ", "--expires: ", "--target-product: "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	d, err := IndicatorFlags{Action: "block", TLP: "amber", Expires: "30d", ThreatType: "C2", TargetProduct: "Azure Sentinel"}.defaults(testNow)
	if err != nil || d.Action != "block" || d.TLPLevel != "amber" || tiindicator.FormatTime(d.Expiration) != "2026-05-31T12:00:00Z" {
		t.Errorf("defaults %+v, %v", d, err)
	}
}

var testNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
