package render

import (
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCaseVariantKeys: a record with keys that differ only in case shows the
// value encoding/json would decode into a struct field (the last match), in
// every display that reads a field, so the display and the --fail-on gate agree.
func TestCaseVariantKeys(t *testing.T) {
	view := View{Columns: []Column{
		{Header: "CLASSIFICATION", Field: "classification"},
		{Header: "VIA VALUE", Value: func(o Object) string { s, _ := o["classification"].(string); return s }},
		{Header: "VIA LOOKUP", Value: func(o Object) string { s, _ := o.Lookup("classification"); return cellText(s, false) }},
	}}
	for _, rec := range []string{
		`{"Classification":"malicious","classification":"neutral"}`,
		`{"classification":"neutral","Classification":"malicious"}`,
		`{"CLASSIFICATION":"malicious"}`,
		`{"classification":"neutral","classification":"malicious"}`,
		`{"classification":"neutral","CLASSIFICATION":"suspicious","Classification":"malicious"}`,
	} {
		var gate struct {
			Classification string `json:"classification"`
		}
		if err := json.Unmarshal([]byte(rec), &gate); err != nil {
			t.Fatal(err)
		}
		want := gate.Classification
		got := renderAll(t, tcase{view: view, opts: Options{Format: Table}, recs: []string{rec}})
		viaMap := want
		if !strings.Contains(rec, `"classification"`) {
			viaMap = "" // o["classification"] is a plain map read: views use o.Lookup to match any case
		}
		if row := strings.Split(got, "\n")[1]; row != want+"\t"+viaMap+"\t"+want {
			t.Errorf("%s: table row %q, want %q in every column", rec, row, want)
		}
		got = renderAll(t, tcase{view: view, opts: Options{Format: CSV, Fields: []string{"classification"}}, recs: []string{rec}})
		if got != "classification\n"+want+"\n" {
			t.Errorf("%s: csv %q, want %q", rec, got, want)
		}
		got = renderAll(t, tcase{view: view, opts: Options{Format: JSONL, Fields: []string{"classification"}}, recs: []string{rec}})
		var projected map[string]string
		if err := json.Unmarshal([]byte(got), &projected); err != nil || len(projected) != 1 {
			t.Fatalf("%s: projection %q: %v", rec, got, err)
		}
		for _, v := range projected {
			if v != want {
				t.Errorf("%s: projection %q, want %q", rec, got, want)
			}
		}
	}
}

func TestFoldKey(t *testing.T) {
	same := [][2]string{{"Classification", "classification"}, {"K", "\u212a"}, {"ſ", "S"}, {"ÉTÉ", "été"}}
	for _, p := range same {
		if foldKey(p[0]) != foldKey(p[1]) {
			t.Errorf("foldKey(%q) != foldKey(%q)", p[0], p[1])
		}
		if !strings.EqualFold(p[0], p[1]) {
			t.Errorf("test pair %q %q is not EqualFold", p[0], p[1])
		}
	}
	if foldKey("a") == foldKey("b") {
		t.Error("different keys fold together")
	}
}

// TestDeepNesting: a 10,000-level record prints in about its own size, not in
// hundreds of megabytes of indentation, and stays valid.
func TestDeepNesting(t *testing.T) {
	const depth = 9998 // json.Valid refuses more than 10,000 levels, and -o json adds one
	rec := strings.Repeat(`{"a":[`, depth/2) + `1` + strings.Repeat(`]}`, depth/2)
	for _, opts := range []Options{{Format: JSON}, {Format: JSON, Single: true}, {Format: JSONL}, {Format: YAML}, {Format: YAML, Single: true}, {Format: Table, TTY: true}, {Format: CSV}} {
		out := renderAll(t, tcase{opts: opts, recs: []string{rec}})
		if len(out) > 3*len(rec) {
			t.Errorf("%+v: %d bytes for a %d-byte record", opts, len(out), len(rec))
		}
		if opts.Format == JSON && !json.Valid([]byte(out)) {
			t.Errorf("%+v: invalid JSON", opts)
		}
	}
	// Up to the limit, records stay indented.
	shallow := strings.Repeat(`{"a":`, maxIndentDepth) + `1` + strings.Repeat(`}`, maxIndentDepth)
	if out := renderAll(t, tcase{opts: Options{Format: JSON, Single: true}, recs: []string{shallow}}); strings.Count(out, "\n") != 2*maxIndentDepth+1 {
		t.Errorf("a record %d deep should be indented, got %d lines", maxIndentDepth, strings.Count(out, "\n"))
	}
}

// TestDeepYAMLRoundTrip: the flow style below maxIndentDepth is the same data.
func TestDeepYAMLRoundTrip(t *testing.T) {
	rec := strings.Repeat(`{"a":[`, 50) + `"x: y",2` + strings.Repeat(`]}`, 50)
	out := renderAll(t, tcase{opts: Options{Format: YAML, Single: true}, recs: []string{rec}})
	var got any
	if err := yamlUnmarshal([]byte(out), &got); err != nil {
		t.Fatalf("yaml: %v\n%s", err, out)
	}
	var want any
	_ = json.Unmarshal([]byte(rec), &want)
	if gb, _ := json.Marshal(got); string(gb) != string(mustJSON(want)) {
		t.Errorf("round trip differs:\n%s\n%s", gb, mustJSON(want))
	}
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

func yamlUnmarshal(b []byte, v any) error { return yaml.Unmarshal(b, v) }

// TestServerErrorRenamed: an answer's own top-level "error" member is renamed,
// so it cannot pass for mdti's in-band error record; nested ones and values stay.
func TestServerErrorRenamed(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"id":"1","error":{"code":"x"}}`, `{"query":"q","id":"1","serverError":{"code":"x"}}`},
		{`{"Error":"boom","x":1}`, `{"query":"q","serverError":"boom","x":1}`},
		{`{"query":"old","error":null}`, `{"query":"q","serverError":null}`},
		{`{"nested":{"error":1},"note":"error"}`, `{"query":"q","nested":{"error":1},"note":"error"}`},
		{`{"errors":[1]}`, `{"query":"q","errors":[1]}`},
	}
	for _, c := range cases {
		for name, f := range map[string]func([]byte, string) []byte{"WithQuery": WithQuery, "PrependQuery": PrependQuery} {
			if got := string(f([]byte(c.in), "q")); got != c.want {
				t.Errorf("%s(%s) = %s, want %s", name, c.in, got, c.want)
			}
		}
	}
	if !mentionsError([]byte(`{"a":"ERROR"}`)) || mentionsError([]byte(`{"errors":1,"a":"error`)) {
		t.Error("mentionsError")
	}
}
