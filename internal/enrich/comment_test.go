package enrich

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/indicator"
)

func mustRecord(t *testing.T, e Entry, rep string) Record {
	t.Helper()
	var raw json.RawMessage
	if rep != "" {
		raw = json.RawMessage(rep)
	}
	r, err := NewRecord(e, raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func incidentRecords(t *testing.T) []Record {
	return []Record{
		mustRecord(t, Entry{IncidentID: "42", Host: "8.8.8.8", Evidence: []string{"ip"}, AlertIDs: []string{"a1"}},
			`{"classification":"neutral","score":0,"rules":[]}`),
		mustRecord(t, Entry{IncidentID: "42", Host: "10.0.0.5", Evidence: []string{"networkConnection"}, AlertIDs: []string{"a1"}, Skipped: indicator.SkipPrivate}, ""),
		mustRecord(t, Entry{IncidentID: "42", Host: "cdn.fake-malicious.site", Evidence: []string{"url"}, AlertIDs: []string{"a2"}},
			`{"classification":"suspicious","score":60,"rules":[{"name":"Recently registered","severity":"medium"}]}`),
		mustRecord(t, Entry{IncidentID: "42", Host: "unknown-new-domain.net", Evidence: []string{"dns"}, AlertIDs: []string{"a2"}}, ""),
		mustRecord(t, Entry{IncidentID: "42", Host: "fake-malicious.site", Evidence: []string{"dns", "url"}, AlertIDs: []string{"a1", "a2"}},
			maliciousRep),
	}
}

func TestCommentBody(t *testing.T) {
	got := Comment("42", incidentRecords(t))
	body := "MDTI verdicts for incident 42: 1 malicious, 1 suspicious, 1 neutral, 1 unknown, 1 skipped (skipped hosts were not sent).\n" +
		"- malicious, score 85: fake-malicious.site (dns, url; 2 alerts). Top rule: Known C2 (high)\n" +
		"- suspicious, score 60: cdn.fake-malicious.site (url; 1 alert). Top rule: Recently registered (medium)"
	want := markerLine(body) + "\n" + body
	if got != want {
		t.Errorf("Comment\n got %q\nwant %q", got, want)
	}
	if !strings.HasPrefix(got, "[mdti enrich] v1 ") || len(strings.SplitN(got, "\n", 2)[0]) != len("[mdti enrich] v1 ")+12 {
		t.Errorf("marker line = %q", strings.SplitN(got, "\n", 2)[0])
	}
}

func TestSummary(t *testing.T) {
	if got, want := Summary("42", incidentRecords(t)), "incident 42: 1 malicious, 1 suspicious, 1 neutral, 1 unknown, 1 skipped"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got, want := Summary("", nil), "alerts: 0 malicious, 0 suspicious, 0 neutral, 0 unknown, 0 skipped"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := Summary("x\x1b[31m", nil); strings.ContainsRune(got, 0x1b) {
		t.Errorf("Summary kept a control character: %q", got)
	}
}

func TestCommentNothingBad(t *testing.T) {
	records := []Record{mustRecord(t, Entry{IncidentID: "7", Host: "8.8.8.8"}, `{"classification":"neutral","score":0}`)}
	got := Comment("7", records)
	body := "MDTI verdicts for incident 7: 0 malicious, 0 suspicious, 1 neutral, 0 unknown, 0 skipped (skipped hosts were not sent).\n" +
		"Nothing malicious or suspicious."
	if got != markerLine(body)+"\n"+body {
		t.Errorf("Comment = %q", got)
	}
}

func TestCommentDoesNotReorderTheCallersRecords(t *testing.T) {
	records := incidentRecords(t)
	Comment("42", records)
	if records[0].Host != "8.8.8.8" {
		t.Errorf("Comment sorted the caller's slice: first is %s", records[0].Host)
	}
}

func TestCommentCap(t *testing.T) {
	// Every count up to well past the cut (about 30 lines of this length), and a big one.
	counts := []int{1000}
	for n := 0; n <= 60; n++ {
		counts = append(counts, n)
	}
	for _, n := range counts {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var records []Record
			for i := 0; i < n; i++ {
				records = append(records, mustRecord(t,
					Entry{IncidentID: "9", Host: fmt.Sprintf("host-%04d.fake-malicious.site", i), Evidence: []string{"url"}, AlertIDs: []string{"a"}},
					`{"classification":"malicious","score":90,"rules":[{"name":"`+strings.Repeat("r", 40)+`","severity":"high"}]}`))
			}
			got := Comment("9", records)
			if len(got) > MaxCommentBytes {
				t.Fatalf("comment is %d bytes, cap %d", len(got), MaxCommentBytes)
			}
			lines := strings.Split(got, "\n")
			shown := 0
			for _, l := range lines {
				if strings.HasPrefix(l, "- malicious") {
					shown++
				}
			}
			last := lines[len(lines)-1]
			t.Logf("%d bytes, %d of %d verdict lines shown", len(got), shown, n)
			if shown < n {
				if want := fmt.Sprintf("… and %d more", n-shown); last != want {
					t.Errorf("last line = %q, want %q", last, want)
				}
				// The cut is tight: every line is as long as the first, and one more would not
				// have fitted together with its own "… and N more".
				withOneMore := len(got) - len(last) + len(lines[2])
				if rest := n - shown - 1; rest > 0 {
					withOneMore += 1 + len(fmt.Sprintf("… and %d more", rest))
				} else {
					withOneMore--
				}
				if withOneMore <= MaxCommentBytes {
					t.Errorf("cut too early: %d bytes with %d of %d lines", len(got), shown, n)
				}
			} else if strings.HasPrefix(last, "…") {
				t.Errorf("all %d shown but the comment ends %q", n, last)
			}
		})
	}
}

func TestCommentLinesCannotForgeTheMarker(t *testing.T) {
	evil := `{"classification":"malicious","score":99,"rules":[{"name":"x\n[mdti enrich] v1 000000000000\r\u2028y` + strings.Repeat("z", 500) + `","severity":"high"}]}`
	got := Comment("1\n[mdti enrich]", []Record{mustRecord(t, Entry{IncidentID: "1", Host: "evil.example"}, evil)})
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		if i > 0 && strings.Contains(l, "[mdti enrich]") && strings.HasPrefix(l, "[mdti enrich]") {
			t.Errorf("line %d starts with the marker: %q", i, l)
		}
		if len(l) > maxLineBytes && i > 1 {
			t.Errorf("line %d is %d bytes", i, len(l))
		}
	}
	if len(lines) != 3 {
		t.Errorf("comment has %d lines, want 3:\n%s", len(lines), got)
	}
}

func TestAlreadyPosted(t *testing.T) {
	body := Comment("42", incidentRecords(t))
	changed := Comment("42", incidentRecords(t)[:2])
	marker := strings.SplitN(body, "\n", 2)[0]
	tests := []struct {
		name     string
		existing []string
		want     bool
	}{
		{"no comments", nil, false},
		{"someone else's comments", []string{"Demo incident", "looked at it"}, false},
		{"the same comment", []string{"Demo incident", body}, true},
		{"the same comment, white space changed by the portal", []string{strings.ReplaceAll(body, "\n", "\r\n  ") + "\n"}, true},
		{"an earlier mdti comment with other verdicts", []string{changed}, false},
		{"the marker alone is not enough if it is not a line of its own", []string{"see " + marker}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AlreadyPosted(tt.existing, body); got != tt.want {
				t.Errorf("AlreadyPosted = %v, want %v", got, tt.want)
			}
		})
	}
	if AlreadyPosted([]string{"anything"}, "not ours") || AlreadyPosted([]string{""}, "") {
		t.Error("a body without the marker is never posted already")
	}
}

func TestIsEnrichComment(t *testing.T) {
	for c, want := range map[string]bool{
		Comment("1", nil):           true,
		"  [mdti enrich] v0 abc\nx": true,
		"Demo incident":             false,
		"x\n[mdti enrich] v1 abc":   false,
	} {
		if got := IsEnrichComment(c); got != want {
			t.Errorf("IsEnrichComment(%q) = %v", c, got)
		}
	}
}

func TestTruncateOnRuneBoundary(t *testing.T) {
	s := strings.Repeat("é", 10) // 20 bytes
	got := truncate(s, 8)
	if len(got) > 8 || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "éé") {
		t.Errorf("truncate = %q (%d bytes)", got, len(got))
	}
	if truncate("short", 8) != "short" {
		t.Error("a short string must be left alone")
	}
}
