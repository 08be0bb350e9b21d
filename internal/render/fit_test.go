package render

import (
	"fmt"
	"strings"
	"testing"
)

// pairsView is like the pairs command's: the echoed query and a long id give
// way before CHILD, the answer.
var pairsView = View{Columns: []Column{
	{Header: "QUERY", Field: "query", Truncate: true, Priority: -1, DropWhenSingle: true},
	{Header: "ID", Field: "id", Priority: -2}, // whole or not at all
	{Header: "PARENT", Field: "parentHost", Truncate: true},
	{Header: "CHILD", Field: "childHost", Answer: true},
	{Header: "CAUSE", Field: "linkKind"},
	{Header: "FIRST SEEN", ShortHeader: "FIRST", Field: "firstSeenDateTime", Truncate: true, MinWidth: 11, Priority: -1},
	{Header: "LAST SEEN", ShortHeader: "LAST", Field: "lastSeenDateTime", Truncate: true, MinWidth: 11},
}}

func pairsRecords(n int) []string {
	recs := make([]string, n)
	for i := range recs {
		recs[i] = fmt.Sprintf(`{"query":"contoso.com","id":"Y29udG9zby5jb20tZG93bnN0cmVhbS0%04d","parentHost":"www.contoso.com","childHost":"downstream-%d.assets.contoso-cdn.example","linkKind":"iframe","firstSeenDateTime":"2023-01-0%dT10:20:30.123Z","lastSeenDateTime":"2023-06-0%dT10:20:30.123Z"}`, i, i, i+1, i+1)
	}
	return recs
}

// whoisView is like whois --history's: headers have readable short forms.
var whoisView = View{Columns: []Column{
	{Header: "QUERY", Field: "query", Truncate: true, Priority: -2, DropWhenSingle: true},
	{Header: "REGISTRAR", ShortHeader: "REGISTR", Field: "registrar", Truncate: true, MinWidth: 8, Answer: true},
	{Header: "REGISTRANT", ShortHeader: "OWNER", Field: "registrant", Truncate: true},
	{Header: "REGISTERED", ShortHeader: "REG", Field: "registered"},
	{Header: "EXPIRES", Field: "expires", Priority: -1},
	{Header: "NAME SERVERS", ShortHeader: "NS", Field: "nameservers", Truncate: true, Priority: -1},
}}

var whoisRecords = []string{
	`{"query":"contoso.com","registrar":"MarkMonitor Inc. Registrar Services","registrant":"Contoso Corporation, Redmond","registered":"1999-03-12","expires":"2031-03-12","nameservers":["ns1.contoso.com","ns2.contoso.com","ns3.contoso.com"]}`,
	`{"query":"contoso.com","registrar":"Example Registrar","registrant":"REDACTED FOR PRIVACY","registered":"1999-03-12","expires":"2029-03-12","nameservers":["ns1.contoso.com"]}`,
}

// TestGoldenFit renders views that declare priorities at 80 and 200 columns,
// with one input and with several.
func TestGoldenFit(t *testing.T) {
	cases := []tcase{
		{name: "fit_pairs_80", view: pairsView, recs: pairsRecords(3), opts: Options{Format: Table, TTY: true, Width: 80}},
		{name: "fit_pairs_200", view: pairsView, recs: pairsRecords(3), opts: Options{Format: Table, TTY: true, Width: 200}},
		{name: "fit_pairs_single_80", view: pairsView, recs: pairsRecords(3), opts: Options{Format: Table, TTY: true, Width: 80, SingleInput: true}},
		{name: "fit_pairs_40", view: pairsView, recs: pairsRecords(3), opts: Options{Format: Table, TTY: true, Width: 40}},
		{name: "fit_pairs_pipe", view: pairsView, recs: pairsRecords(3), opts: Options{Format: Table, Width: 40, SingleInput: true}},
		{name: "fit_whois_80", view: whoisView, recs: whoisRecords, opts: Options{Format: Table, TTY: true, Width: 80}},
		{name: "fit_whois_200", view: whoisView, recs: whoisRecords, opts: Options{Format: Table, TTY: true, Width: 200}},
		{name: "fit_whois_single_60", view: whoisView, recs: whoisRecords, opts: Options{Format: Table, TTY: true, Width: 60, SingleInput: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := renderAll(t, c)
			golden(t, c.name, got)
			if c.opts.TTY {
				assertFits(t, got, c.opts.Width)
			}
		})
	}
}

func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := stringWidth(Sanitize(line)); w > width {
			t.Errorf("width %d: line is %d cells: %q", width, w, line)
		}
	}
}

// TestFitRules checks the rules the goldens show, one at a time.
func TestFitRules(t *testing.T) {
	header := func(out string) string { return strings.SplitN(out, "\n", 2)[0] }
	out := renderAll(t, tcase{view: pairsView, recs: pairsRecords(2), opts: Options{Format: Table, TTY: true, Width: 80}})
	if !strings.Contains(out, "downstream-1.assets.contoso-cdn.example") {
		t.Errorf("the answer column was cut at 80 columns:\n%s", out)
	}
	if !strings.HasPrefix(header(out), "QUERY") || strings.Contains(header(out), "ID") {
		t.Errorf("the lowest-priority column (ID) should have been dropped at 80 columns, and QUERY kept:\n%s", out)
	}
	out = renderAll(t, tcase{view: pairsView, recs: pairsRecords(2), opts: Options{Format: Table, TTY: true, Width: 200, SingleInput: true}})
	if strings.Contains(header(out), "QUERY") || !strings.Contains(header(out), "ID") {
		t.Errorf("SingleInput drops QUERY and keeps the rest at 200 columns:\n%s", out)
	}
	out = renderAll(t, tcase{view: pairsView, recs: pairsRecords(2), opts: Options{Format: Table, Width: 20, SingleInput: true}})
	if !strings.HasPrefix(out, "QUERY\tID\tPARENT\tCHILD\tCAUSE\tFIRST SEEN\tLAST SEEN\n") || strings.Contains(out, ellipsis) {
		t.Errorf("tab-separated output must be whole:\n%s", out)
	}
	// A header with a short form is never cut: the short form or the whole.
	for _, width := range []int{30, 45, 60, 80} {
		out := renderAll(t, tcase{view: whoisView, recs: whoisRecords, opts: Options{Format: Table, TTY: true, Width: width}})
		if strings.Contains(header(out), ellipsis) {
			t.Errorf("width %d: header cut: %q", width, header(out))
		}
		assertFits(t, out, width)
	}
}

// TestFitNeverWider: whatever the width and however long the cells, no row of a
// terminal table is wider than the terminal.
func TestFitNeverWider(t *testing.T) {
	long := strings.Repeat("x", 150)
	recs := []string{`{"query":"` + long + `","classification":"` + long + `","score":1}`}
	views := []View{reputation, pairsView, whoisView, {Columns: []Column{{Header: "ONLY", Field: "query"}}}}
	for _, v := range views {
		for _, width := range []int{1, 10, 30, 79, 80, 120} {
			for _, r := range [][]string{recs, pairsRecords(2), whoisRecords, several} {
				out := renderAll(t, tcase{view: v, recs: r, opts: Options{Format: Table, TTY: true, Width: width}})
				assertFits(t, out, width)
			}
		}
	}
}

func TestPlanColumns(t *testing.T) {
	cols := []fitCol{
		{natural: 20, min: 20, level: -1},
		{natural: 20, min: 20, level: answerLevel, answer: true},
		{natural: 20, min: 20},
		{natural: 20, min: 20},
	}
	if got := fmt.Sprint(planColumns(cols, 60)); got != "[1 2]" {
		t.Errorf("drop the lowest level, then the rightmost: got %s", got)
	}
	if got := fmt.Sprint(planColumns(cols, 5)); got != "[1]" {
		t.Errorf("the answer is kept last: got %s", got)
	}
	if got := fmt.Sprint(planColumns(cols, 86)); got != "[0 1 2 3]" {
		t.Errorf("nothing dropped when it fits: got %s", got)
	}
}

// TestAnswerMinWidth: an answer column with a MinWidth gives way down to it,
// and no further while other columns can still be dropped.
func TestAnswerMinWidth(t *testing.T) {
	view := View{Columns: []Column{
		{Header: "ID", Field: "id", Priority: -1},
		{Header: "NAME", Field: "name", Answer: true, Truncate: true, MinWidth: 20},
		{Header: "NOTE", Field: "note", Truncate: true},
	}}
	rec := `{"id":"0123456789","name":"` + strings.Repeat("n", 60) + `","note":"` + strings.Repeat("x", 40) + `"}`
	for _, width := range []int{30, 40, 60, 80} {
		out := renderAll(t, tcase{view: view, recs: []string{rec}, opts: Options{Format: Table, TTY: true, Width: width}})
		assertFits(t, out, width)
		row := strings.Split(out, "\n")[1]
		if n := strings.Count(row, "n"); n < 19 { // 19 and the ellipsis make 20 cells
			t.Errorf("width %d: answer cut below its MinWidth: %q", width, row)
		}
	}
	only := View{Columns: []Column{{Header: "QUERY", Field: "query", DropWhenSingle: true}}}
	if out := renderAll(t, tcase{view: only, recs: []string{recContoso}, opts: Options{Format: Table, TTY: true, SingleInput: true}}); out != "" {
		t.Errorf("a table left with no columns prints nothing, got %q", out)
	}
}
