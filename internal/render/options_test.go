package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

var several = []string{recContoso, recFabrikam, recWide}

// TestGoldenOptions covers --fields, --jq, Single, width and colour.
func TestGoldenOptions(t *testing.T) {
	fields := []string{"query", "autonomousSystem.name", "rules.name", "@odata.type", "missing.path"}
	cases := []tcase{
		{name: "fields_table_tty", opts: Options{Format: Table, TTY: true, Fields: fields}, recs: several},
		{name: "fields_table_pipe", opts: Options{Format: Table, Fields: fields}, recs: several},
		{name: "fields_json", opts: Options{Format: JSON, Fields: fields}, recs: several, errs: []string{errRecord}},
		{name: "fields_jsonl", opts: Options{Format: JSONL, Fields: fields}, recs: several, errs: []string{errRecord}},
		{name: "fields_csv", opts: Options{Format: CSV, Fields: fields}, recs: several},
		{name: "fields_yaml", opts: Options{Format: YAML, Fields: fields}, recs: several},
		{name: "fields_colored", opts: Options{Format: Table, TTY: true, Color: true, Fields: []string{"classification", "score"}}, recs: several},

		{name: "jq_json", opts: Options{Format: JSON, JQ: `.[] | .query`}, recs: several, errs: []string{errRecord}},
		{name: "jq_json_values", opts: Options{Format: JSON, JQ: `map({q: .query, s: .score, big: 12345678901234567890})`}, recs: several},
		{name: "jq_jsonl", opts: Options{Format: JSONL, JQ: `{query, score}`}, recs: several},
		{name: "jq_yaml", opts: Options{Format: YAML, JQ: `.[0].autonomousSystem`}, recs: several},
		{name: "jq_table", opts: Options{Format: Table, TTY: true, JQ: `length`}, recs: several, errs: []string{errRecord}},
		{name: "jq_csv", opts: Options{Format: CSV, JQ: `.[].classification`}, recs: several},
		{name: "jq_single", opts: Options{Format: JSON, Single: true, JQ: `.score`}, recs: []string{recContoso}},
		{name: "jq_fields", opts: Options{Format: JSON, Fields: []string{"score"}, JQ: `.`}, recs: several},
		{name: "jq_tty_control", opts: Options{Format: JSON, TTY: true, JQ: `.[].autonomousSystem.name, .[0]`}, recs: []string{recControl}},
		{name: "jq_empty", opts: Options{Format: JSON, JQ: `.`}},

		{name: "single_json", opts: Options{Format: JSON, Single: true}, recs: []string{recContoso}},
		{name: "single_yaml", opts: Options{Format: YAML, Single: true}, recs: []string{recContoso}},
		{name: "single_jsonl", opts: Options{Format: JSONL, Single: true}, recs: []string{recContoso}},
		{name: "single_two_json", opts: Options{Format: JSON, Single: true}, recs: []string{recContoso, recFabrikam}},
		{name: "single_two_yaml", opts: Options{Format: YAML, Single: true}, recs: []string{recContoso, recFabrikam}},
		{name: "single_none_json", opts: Options{Format: JSON, Single: true}},
		{name: "single_error_json", opts: Options{Format: JSON, Single: true}, errs: []string{errRecord}},
		{name: "single_table_pipe", opts: Options{Format: Table, Single: true}, recs: []string{recContoso}},
		{name: "single_csv", opts: Options{Format: CSV, Single: true}, recs: []string{recContoso}},
		{name: "card", opts: Options{Format: Table, TTY: true, Single: true}, recs: []string{recContoso}},
		{name: "card_color", opts: Options{Format: Table, TTY: true, Color: true, Single: true}, recs: []string{recContoso}},
		{name: "card_wide_40", opts: Options{Format: Table, TTY: true, Single: true, Width: 40}, recs: []string{recWide}},
		{name: "card_control", opts: Options{Format: Table, TTY: true, Single: true}, recs: []string{recControl}},
		{name: "card_formula", opts: Options{Format: Table, TTY: true, Single: true}, recs: []string{recFormula}},
		{name: "card_two_is_table", opts: Options{Format: Table, TTY: true, Single: true}, recs: []string{recContoso, recFabrikam}},

		{name: "width_80", opts: Options{Format: Table, TTY: true, Width: 80}, recs: several},
		{name: "width_200", opts: Options{Format: Table, TTY: true, Width: 200}, recs: several},
		{name: "width_30_drops", opts: Options{Format: Table, TTY: true, Width: 30}, recs: several},
		{name: "color_on", opts: Options{Format: Table, TTY: true, Color: true}, recs: several},
		{name: "color_control", opts: Options{Format: Table, TTY: true, Color: true}, recs: []string{recControl, recFormula}},
		{name: "csv_raw", opts: Options{Format: CSV, CSVRaw: true}, recs: []string{recFormula}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, renderAll(t, c))
		})
	}
}

// TestTableFitsWidth checks every line of a fitted table against the width,
// counting terminal cells (escape sequences excluded).
func TestTableFitsWidth(t *testing.T) {
	for _, width := range []int{60, 80, 200} {
		out := renderAll(t, tcase{opts: Options{Format: Table, TTY: true, Color: true, Width: width}, recs: append(several, recControl, recFormula)})
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if w := stringWidth(Sanitize(line)); w > width {
				t.Errorf("width %d: line is %d cells: %q", width, w, line)
			}
		}
	}
}

// TestNoEscapesSurvive: no terminal or CSV rendering may carry ESC, BEL or C1.
func TestNoEscapesSurvive(t *testing.T) {
	for _, opts := range []Options{
		{Format: Table, TTY: true}, {Format: Table}, {Format: CSV},
		{Format: Table, TTY: true, Single: true},
		{Format: JSON, TTY: true}, {Format: JSONL, TTY: true},
	} {
		out := renderAll(t, tcase{opts: opts, recs: []string{recControl}})
		if i := strings.IndexFunc(out, func(r rune) bool {
			return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) || isBidiControl(r)
		}); i >= 0 {
			t.Errorf("%+v: control character %q survived in %q", opts, out[i], out)
		}
	}
}

// TestJSONValid: every json/jsonl output parses and keeps the data.
func TestJSONValid(t *testing.T) {
	all := append(several, recControl, recFormula)
	out := renderAll(t, tcase{opts: Options{Format: JSON}, recs: all, errs: []string{errRecord}})
	var arr []map[string]any
	if err := json.Unmarshal([]byte(out), &arr); err != nil {
		t.Fatalf("json output invalid: %v", err)
	}
	if len(arr) != len(all)+1 {
		t.Fatalf("got %d records, want %d", len(arr), len(all)+1)
	}
	if got := arr[3]["query"]; got != "evil\x1b[31m.com" {
		t.Errorf("json must keep the data: got %q", got)
	}
	out = renderAll(t, tcase{opts: Options{Format: JSONL, TTY: true}, recs: all})
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("jsonl line %d invalid: %s", i, line)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	bad := []Options{
		{Format: "xml"},
		{Fields: []string{}},
		{Fields: []string{""}},
		{Fields: []string{"a..b"}},
		{Fields: []string{".a"}},
		{Fields: []string{"a b"}},
		{Fields: []string{"query", "a,b"}},
		{JQ: ".[] |"},
		{JQ: "nosuchfunc(1)"},
	}
	for _, o := range bad {
		_, err := NewPrinter(&bytes.Buffer{}, reputation, o)
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%+v: got %v, want a *UsageError", o, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "table, json, jsonl, csv, yaml") {
		t.Errorf("ParseFormat error should list the formats: %v", err)
	}
	if f, err := ParseFormat(" JSONL "); err != nil || f != JSONL {
		t.Errorf("ParseFormat(JSONL) = %q, %v", f, err)
	}
}

func TestCarriesErrors(t *testing.T) {
	want := map[Format]bool{Table: false, JSON: true, JSONL: true, CSV: false, YAML: true}
	for f, w := range want {
		if f.CarriesErrors() != w {
			t.Errorf("%s.CarriesErrors() = %v", f, !w)
		}
	}
}

func TestJQRuntimeError(t *testing.T) {
	for _, f := range []Format{JSON, JSONL} {
		var buf bytes.Buffer
		p, err := NewPrinter(&buf, reputation, Options{Format: f, JQ: `.[0] + 1`})
		if err != nil {
			t.Fatal(err)
		}
		err = p.Add([]byte(recContoso))
		if err == nil {
			err = p.Close()
		}
		var ue *UsageError
		if err == nil || errors.As(err, &ue) {
			t.Errorf("%s: got %v, want a runtime (non-usage) error", f, err)
		}
	}
}

// TestInvalidRecord: bad bytes are an error in every format, never a panic.
func TestInvalidRecord(t *testing.T) {
	for _, f := range formats {
		for _, rec := range []string{`{"a":`, `not json`, `{"a":1} trailing`, ``} {
			var buf bytes.Buffer
			p, err := NewPrinter(&buf, reputation, Options{Format: f, TTY: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Add([]byte(rec)); err == nil {
				t.Errorf("%s: Add(%q) succeeded", f, rec)
			}
		}
	}
}

func TestClosedPrinter(t *testing.T) {
	p, _ := NewPrinter(&bytes.Buffer{}, reputation, Options{Format: JSON})
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := p.Add([]byte(`{}`)); err == nil {
		t.Error("Add after Close succeeded")
	}
}

// TestPanickingView: a view func that panics on odd data yields an empty cell.
func TestPanickingView(t *testing.T) {
	view := View{Columns: []Column{
		{Header: "A", Value: func(o Object) string { return o["a"].(string) }},
		{Header: "B", Field: "b", Color: func(string) Color { panic("boom") }},
	}}
	out := renderAll(t, tcase{view: view, opts: Options{Format: Table, TTY: true, Color: true}, recs: []string{`{"a":1,"b":"x"}`}})
	if out != "\x1b[1mA\x1b[0m  \x1b[1mB\x1b[0m\n   x\n" {
		t.Errorf("got %q", out)
	}
}

// TestTableBlocks: a long table is printed in blocks that line up, with one
// header, and nothing is held back past each block.
func TestTableBlocks(t *testing.T) {
	var buf bytes.Buffer
	view := View{Columns: []Column{{Header: "N", Field: "n"}, {Header: "NAME", Field: "name"}}}
	p, _ := NewPrinter(&buf, view, Options{Format: Table, TTY: true})
	add := func(n int) {
		for range n {
			_ = p.Add([]byte(`{"n":1,"name":"a"}`))
		}
	}
	add(firstBlockRows - 1)
	if buf.Len() != 0 {
		t.Fatalf("after %d rows, %q printed; want the first block held", firstBlockRows-1, buf.String())
	}
	add(1)
	if got := strings.Count(buf.String(), "\n"); got != firstBlockRows+1 {
		t.Fatalf("after %d rows, %d lines printed; want the first block (a screenful) flushed", firstBlockRows, got)
	}
	add(blockRows - 1)
	if got := strings.Count(buf.String(), "\n"); got != firstBlockRows+1 {
		t.Fatalf("after %d more rows, %d lines printed; want the second block held", blockRows-1, got)
	}
	add(1)
	if got := strings.Count(buf.String(), "\n"); got != firstBlockRows+blockRows+1 {
		t.Fatalf("after %d rows, %d lines printed; want the second block flushed", firstBlockRows+blockRows, got)
	}
	_ = p.Add([]byte(`{"n":1000,"name":"b"}`))
	_ = p.Close()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	// The first block cannot know the later, wider cell; later blocks never
	// get narrower than earlier ones, and the block that widens repeats the header.
	if lines[0] != "N  NAME" || lines[1] != "1  a" || lines[len(lines)-1] != "1000  b" {
		t.Errorf("blocks: first %q %q, last %q", lines[0], lines[1], lines[len(lines)-1])
	}
	if got := lines[len(lines)-2]; got != "N     NAME" {
		t.Errorf("line above the widened block = %q, want the header at the new widths", got)
	}
	if got := strings.Count(buf.String(), "NAME"); got != 2 {
		t.Errorf("header printed %d times, want 2 (first block, widened block)", got)
	}
}

// TestTableBlocksSameWidths: a later block that fits the earlier widths prints no
// second header.
func TestTableBlocksSameWidths(t *testing.T) {
	var buf bytes.Buffer
	view := View{Columns: []Column{{Header: "N", Field: "n"}, {Header: "NAME", Field: "name"}}}
	p, _ := NewPrinter(&buf, view, Options{Format: Table, TTY: true})
	for range firstBlockRows + blockRows + 3 {
		_ = p.Add([]byte(`{"n":1,"name":"a"}`))
	}
	_ = p.Close()
	if got := strings.Count(buf.String(), "NAME"); got != 1 {
		t.Errorf("header printed %d times, want 1", got)
	}
	if got := strings.Count(buf.String(), "\n"); got != firstBlockRows+blockRows+3+1 {
		t.Errorf("%d lines, want every row and one header", got)
	}
}
