package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRecord feeds arbitrary bytes as a record through every format, piped and on a
// terminal: nothing panics, JSON stays valid UTF-8 JSON and keeps the data as sent, and no
// control character reaches a terminal or a CSV cell.
func FuzzRecord(f *testing.F) {
	for _, s := range []string{
		`{"query":"a.example","classification":"malicious","score":100,"rules":[{"description":"x"}]}`,
		`{"query":"\u001b]8;;https://evil\u0007click\u001b]8;;\u0007","score":"=HYPERLINK(\"x\")"}`,
		`{"query":"\ud800\udfff\u202e","rules":[{"description":" \t+cmd|' /C calc'!A0"}]}`,
		"{\"query\":\"\xff\xfe\",\"score\":1e999}",
		`{"rules":"` + strings.Repeat("A", 5000) + `"}`,
		`[1,{"a":null}]`, `{"a":{"b":{"c":[]}}}`, `nul`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		var want any
		isObject := json.Unmarshal(rec, &want) == nil && bytes.HasPrefix(bytes.TrimLeft(rec, " \t\r\n"), []byte("{"))
		for _, format := range formats {
			for _, tty := range []bool{false, true} {
				var out bytes.Buffer
				p, err := NewPrinter(&out, reputation, Options{Format: format, TTY: tty, Width: 60})
				if err != nil {
					t.Fatal(err)
				}
				_ = p.Add(rec)
				_ = p.Close()
				checkOutput(t, format, tty, rec, out.Bytes(), isObject, want)
			}
		}
	})
}

func checkOutput(t *testing.T, format Format, tty bool, rec, out []byte, isObject bool, want any) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Fatalf("%s tty=%v: output of %.200q is not valid UTF-8: %.200q", format, tty, rec, out)
	}
	switch format {
	case JSON, JSONL:
		if !isObject {
			return
		}
		for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
			if format == JSONL && !json.Valid(line) {
				t.Fatalf("jsonl line %q of %q is not JSON", line, rec)
			}
		}
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s output %.200q of %.200q: %v", format, out, rec, err)
		}
		if arr, ok := got.([]any); ok && format == JSON && len(arr) == 1 {
			got = arr[0]
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s changed the data: %.200q became %.200q", format, rec, out)
		}
	case Table:
		for _, r := range string(out) {
			if r != '\n' && r != '\t' && (r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r)) {
				t.Fatalf("table tty=%v output of %q holds %U: %q", tty, rec, r, out)
			}
		}
	case CSV:
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("csv output %q of %q: %v", out, rec, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if strings.ContainsFunc(cell, func(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r) }) {
					t.Fatalf("csv cell %q of %q holds a control character", cell, rec)
				}
				if c := strings.TrimLeft(cell, " \t"); c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Fatalf("csv cell %q of %q is not guarded", cell, rec)
				}
			}
		}
	}
}

// Raw bytes that are not UTF-8 inside a JSON string (found by FuzzRecord) come out as the
// \ufffd escape, so JSON and JSONL output stay valid UTF-8.
func TestInvalidUTF8BecomesEscape(t *testing.T) {
	for _, format := range []Format{JSON, JSONL, YAML} {
		var out bytes.Buffer
		p, _ := NewPrinter(&out, reputation, Options{Format: format, Single: true})
		if err := p.Add([]byte("{\"query\":\"a\xffb\"}")); err != nil {
			t.Fatal(err)
		}
		_ = p.Close()
		if !utf8.Valid(out.Bytes()) || !strings.Contains(out.String(), "a\\ufffdb") && !strings.Contains(out.String(), "a\ufffdb") {
			t.Errorf("%s: %q", format, out.String())
		}
	}
}

// Bidi controls and line separators in the data come out of JSON, JSONL and YAML as \u
// escapes: the same value, but a terminal showing the output cannot be made to reorder it.
func TestInvisibleCharactersEscaped(t *testing.T) {
	rec := "{\"query\":\"a\u202egnp.exe\",\"x\":\"l1\u2028l2\u2066i\u2069\"}"
	for _, format := range []Format{JSON, JSONL, YAML} {
		var out bytes.Buffer
		p, _ := NewPrinter(&out, reputation, Options{Format: format, Single: true})
		if err := p.Add([]byte(rec)); err != nil {
			t.Fatal(err)
		}
		_ = p.Close()
		s := out.String()
		s = strings.ReplaceAll(s, `\L`, `\u2028`) // YAML's own escape for U+2028
		if strings.ContainsFunc(s, isInvisible) || !strings.Contains(strings.ToLower(s), `a\u202egnp.exe`) ||
			!strings.Contains(strings.ToLower(s), `l1\u2028l2\u2066i\u2069`) {
			t.Errorf("%s: %q", format, s)
		}
	}
}
