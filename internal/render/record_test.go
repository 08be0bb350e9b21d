package render

import (
	"encoding/json"
	"strings"
	"testing"
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
