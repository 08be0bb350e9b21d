package cmd_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// runInProcess runs the root command with its own streams and environment against srv.
func runInProcess(t *testing.T, srvURL, stdin string, stderrTTY bool, args ...string) (int, string, string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	ios.SetStderrTTY(stderrTTY)
	env := map[string]string{
		"MDTI_GRAPH_ENDPOINT": srvURL,
		"MDTI_TOKEN":          "bulk-token",
		"MDTI_CONFIG_DIR":     t.TempDir(),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code := cmd.Run(ctx, args, ios, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// 2,000 inputs from stdin under throttling and random 503s: every input comes back
// exactly once, in input order (a repeated host too, with its own query, looked up once),
// and batches never carry more than 20 requests.
func TestBulkReputationCompleteAndOrdered(t *testing.T) {
	emu := emulator.New(emulator.Options{Seed: 7, RateLimit: 1500, FailureRate: 0.05})
	srv := httptest.NewServer(emu)
	defer srv.Close()

	var stdin strings.Builder
	var want []string
	for i := range 2000 {
		h := fmt.Sprintf("h%d.bulk.test", i)
		want = append(want, h)
		fmt.Fprintln(&stdin, h)
		if i%500 == 0 {
			fmt.Fprintf(&stdin, "h%d[.]bulk[.]test\n", i) // a defanged repeat: looked up once
			want = append(want, h)
		}
	}
	stdin.WriteString("missing-1.example, missing-2.example\n")
	want = append(want, "missing-1.example", "missing-2.example")

	code, out, _ := runInProcess(t, srv.URL, stdin.String(), false, "reputation", "-o", "jsonl", "--concurrency", "4")
	if code != 5 {
		t.Errorf("exit code %d, want 5 (two inputs not found)", code)
	}
	got := queries(t, out)
	if len(got) != len(want) {
		t.Fatalf("%d records for %d inputs", len(got), len(want))
	}
	for i := range want {
		if got[i].query != want[i] {
			t.Fatalf("record %d is %q, want %q: output is out of order", i, got[i].query, want[i])
		}
	}
	if !got[len(got)-1].isError || got[0].isError {
		t.Errorf("want error records exactly for the missing hosts")
	}
	checkBatches(t, emu, len(want)-4) // the four repeats were not asked again
}

type outRecord struct {
	query   string
	isError bool
}

func queries(t *testing.T, out string) []outRecord {
	t.Helper()
	var recs []outRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Query string          `json:"query"`
			Error json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSONL line %q: %v", sc.Text(), err)
		}
		recs = append(recs, outRecord{r.Query, r.Error != nil})
	}
	return recs
}

// checkBatches asserts every $batch body holds 1-20 requests and every input was asked.
func checkBatches(t *testing.T, emu *emulator.Emulator, inputs int) {
	t.Helper()
	asked := map[string]bool{}
	for _, r := range emu.Requests() {
		if !strings.HasSuffix(r.Path, "/$batch") {
			continue
		}
		var b struct {
			Requests []struct{ URL string } `json:"requests"`
		}
		if err := json.Unmarshal(r.Body, &b); err != nil {
			t.Fatalf("batch body: %v", err)
		}
		if len(b.Requests) == 0 || len(b.Requests) > 20 {
			t.Fatalf("a batch carried %d requests", len(b.Requests))
		}
		for _, q := range b.Requests {
			asked[q.URL] = true
		}
	}
	if len(asked) != inputs {
		t.Errorf("batches asked for %d distinct paths, want %d", len(asked), inputs)
	}
}

// The progress bar is drawn on stderr only when stderr is a terminal, never on stdout,
// and is erased when the run ends. It appears after a second: ten batches at 150ms each
// take longer than that.
func TestProgressOnlyOnTerminal(t *testing.T) {
	srv := httptest.NewServer(emulator.New(emulator.Options{Latency: 150 * time.Millisecond}))
	defer srv.Close()
	var stdin strings.Builder
	for i := range 200 {
		fmt.Fprintf(&stdin, "p%d.bulk.test\n", i)
	}
	_, out, errOut := runInProcess(t, srv.URL, stdin.String(), true, "reputation", "-o", "jsonl", "--concurrency", "1")
	if !strings.Contains(errOut, "looking up") || !strings.HasSuffix(errOut, "\r\x1b[2K") {
		t.Errorf("no progress bar on a terminal stderr, or one left on screen: %q", errOut)
	}
	if strings.Contains(out, "looking up") || strings.Count(out, "\n") != 200 {
		t.Errorf("stdout is not 200 clean records")
	}
	_, _, errOut = runInProcess(t, srv.URL, stdin.String(), false, "reputation", "-o", "jsonl")
	if errOut != "" {
		t.Errorf("stderr not a terminal, but got %q", errOut)
	}
}

// 404 and 403 inputs get error records, and the exit code follows the priority rule.
func TestBulkErrorRecordsAndExitPriority(t *testing.T) {
	srv := httptest.NewServer(emulator.New(emulator.Options{}))
	defer srv.Close()
	code, out, errOut := runInProcess(t, srv.URL, "", false, "host", "contoso.com", "nope.example", "forbidden.fault.test", "-o", "json")
	if code != 6 {
		t.Errorf("exit %d, want 6 (403 beats 404)", code)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 3 {
		t.Fatalf("want a JSON array of 3 records: %v\n%s", err, out)
	}
	if recs[1]["error"].(map[string]any)["status"] != float64(404) || recs[2]["error"].(map[string]any)["status"] != float64(403) {
		t.Errorf("error records: %v", recs)
	}
	if !strings.Contains(errOut, "nope.example") || !strings.Contains(errOut, "forbidden.fault.test") {
		t.Errorf("stderr does not name the failed inputs: %q", errOut)
	}
}
