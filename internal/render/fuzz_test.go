package render

import (
	"io"
	"strings"
	"testing"
)

// oddRecords are valid JSON that is not the record shape views expect.
var oddRecords = []string{
	`[1,2]`, `"str"`, `null`, `42`, `{}`, `{"query":null,"score":{"a":[]}}`,
	`{"rules":[[1],[{"description":2}]],"autonomousSystem":"flat"}`,
	strings.Repeat(`{"a":`, 500) + `1` + strings.Repeat(`}`, 500),
	`{"a":1,"a":2}`, `{"n":1e400,"m":-0.000}`,
}

// TestOddRecordsNoPanic runs odd records through every format and option.
func TestOddRecordsNoPanic(t *testing.T) {
	for _, f := range formats {
		for _, opts := range []Options{
			{Format: f, TTY: true, Color: true}, {Format: f}, {Format: f, Single: true, TTY: true},
			{Format: f, Fields: []string{"a.a", "rules.description", "query"}},
			{Format: f, JQ: `.`},
		} {
			p, err := NewPrinter(io.Discard, reputation, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range oddRecords {
				_ = p.Add([]byte(r))
				_ = p.AddError([]byte(r))
			}
			_ = p.Close()
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"\x1b]8;;u\x07x", "\x1b[31m", "\u009b1m", "a\tb", "\xff", "\x1bP\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r) }) {
			t.Errorf("Sanitize(%q) = %q keeps a control character", s, out)
		}
	})
}

func FuzzWithQuery(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"query":"x"}`, `[]`, `{`, `{"a":"\u0000"}`} {
		f.Add(s, "q")
	}
	f.Fuzz(func(t *testing.T, rec, q string) {
		out := WithQuery([]byte(rec), q)
		isObject := jsonValid([]byte(rec)) && strings.HasPrefix(strings.TrimLeft(rec, " \t\r\n"), "{")
		switch {
		case isObject && (!jsonValid(out) || !strings.HasPrefix(string(out), `{"query":`)):
			t.Errorf("WithQuery(%q, %q) = %q: want a valid object with query first", rec, q, out)
		case !isObject && string(out) != rec:
			t.Errorf("WithQuery(%q, %q) = %q: want the input unchanged", rec, q, out)
		}
	})
}
