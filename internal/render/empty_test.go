package render

import (
	"bytes"
	"testing"
)

// TestEmptyResult: with no records, CSV still gives its header row, JSON an
// empty array, a terminal table nothing; Count says how many were added.
func TestEmptyResult(t *testing.T) {
	withProps := reputation
	withProps.Properties = []string{"query", "classification", "score"}
	cases := []struct {
		name string
		view View
		opts Options
		want string
	}{
		{"csv from properties", withProps, Options{Format: CSV}, "query,classification,score\n"},
		{"csv from fields", withProps, Options{Format: CSV, Fields: []string{"score", "rules.0.name"}}, "score,rules.0.name\n"},
		{"csv from the view's fields", reputation, Options{Format: CSV}, "query,classification,score,autonomousSystem.name,rules.description\n"},
		{"csv knowing no columns", View{}, Options{Format: CSV}, ""},
		{"json", withProps, Options{Format: JSON}, "[]\n"},
		{"jsonl", withProps, Options{Format: JSONL}, ""},
		{"terminal table", withProps, Options{Format: Table, TTY: true}, ""},
		{"piped table keeps its header", withProps, Options{Format: Table}, "QUERY\tCLASSIFICATION\tSCORE\tRULES\tAS\tDESCRIPTION\n"},
	}
	for _, c := range cases {
		got := renderAll(t, tcase{view: c.view, opts: c.opts})
		if c.view.Columns == nil {
			// renderAll substitutes the reputation view for an empty one.
			var buf bytes.Buffer
			p, _ := NewPrinter(&buf, c.view, c.opts)
			_ = p.Close()
			got = buf.String()
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, f := range formats {
		p, err := NewPrinter(&bytes.Buffer{}, reputation, Options{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		if p.Count() != 0 {
			t.Errorf("%s: Count before any record = %d", f, p.Count())
		}
		_ = p.Add([]byte(recContoso))
		_ = p.AddError([]byte(errRecord))
		_ = p.Add([]byte(`{"a":`)) // invalid: not counted
		_ = p.Add([]byte(recFabrikam))
		if p.Count() != 2 {
			t.Errorf("%s: Count = %d, want 2 (errors and invalid records not counted)", f, p.Count())
		}
	}
}
