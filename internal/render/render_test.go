package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// golden compares got with testdata/name.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// reputation is a view like the reputation command's.
var reputation = View{Columns: []Column{
	{Header: "QUERY", Field: "query"},
	{Header: "CLASSIFICATION", Field: "classification", Color: func(c string) Color {
		switch c {
		case "malicious":
			return Red
		case "suspicious":
			return Yellow
		}
		return Green
	}},
	{Header: "SCORE", Field: "score"},
	{Header: "RULES", Value: func(o Object) string {
		rules, _ := o["rules"].([]any)
		return strconv.Itoa(len(rules)) + " rules"
	}},
	{Header: "AS", Field: "autonomousSystem.name", Truncate: true},
	{Header: "DESCRIPTION", Field: "rules.description", Truncate: true},
}}

const (
	recContoso  = `{"query":"contoso.com","@odata.type":"#microsoft.graph.security.hostReputation","id":"rep-1","classification":"malicious","score":100,"autonomousSystem":{"name":"CONTOSO-AS","number":8075},"rules":[{"name":"Known C2","severity":"high","description":"Host was seen as command and control"},{"name":"Phishing","severity":"medium","description":"Credential phishing pages"}]}`
	recFabrikam = `{"query":"fabrikam.com","@odata.type":"#microsoft.graph.security.hostReputation","id":"rep-2","classification":"neutral","score":0,"autonomousSystem":{"name":"FABRIKAM","number":1.50},"rules":[]}`
	recWide     = `{"query":"例え.テスト","classification":"suspicious","score":42,"autonomousSystem":{"name":"中国电信 🚀 China Telecom Backbone Network 骨干网"},"rules":[{"description":"絵文字 😀 and 漢字 mixed with a long English explanation that goes on"}]}`
	recControl  = `{"query":"evil\u001b[31m.com","classification":"mal\u0007icious\u001b]8;;http://x\u0007","score":7,"autonomousSystem":{"name":"tab\there\nnewline\r\nCRLF\u009b1mC1\u007fDEL"},"rules":[{"description":"\u001b]0;title\u001b\\ok\u202etxt.exe"}]}`
	recFormula  = `{"query":"=1+1","classification":"+cmd","score":-2,"autonomousSystem":{"name":"@SUM(A1)"},"rules":[{"description":"  =x"},{"description":"\t=x"}]}`
	errRecord   = `{"query":"missing.example","error":{"code":"NotFound","message":"host not found","status":404}}`
)

type tcase struct {
	name string
	opts Options
	view View
	recs []string
	errs []string // error records, added after the records
}

// renderAll runs one case through a printer and returns its output.
func renderAll(t *testing.T, c tcase) string {
	t.Helper()
	var buf bytes.Buffer
	view := c.view
	if view.Columns == nil {
		view = reputation
	}
	p, err := NewPrinter(&buf, view, c.opts)
	if err != nil {
		t.Fatalf("NewPrinter: %v", err)
	}
	for _, r := range c.recs {
		if err := p.Add([]byte(r)); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	for _, r := range c.errs {
		if err := p.AddError([]byte(r)); err != nil {
			t.Fatalf("AddError: %v", err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.String()
}

// formatsUnder lists every rendering a golden case is checked in.
var renderings = []struct {
	suffix string
	opts   Options
}{
	{"table_tty", Options{Format: Table, TTY: true}},
	{"table_pipe", Options{Format: Table}},
	{"json", Options{Format: JSON}},
	{"jsonl", Options{Format: JSONL}},
	{"csv", Options{Format: CSV}},
	{"yaml", Options{Format: YAML}},
}

// TestGolden renders each record set in every format.
func TestGolden(t *testing.T) {
	sets := []struct {
		name string
		recs []string
		errs []string
	}{
		{"empty", nil, nil},
		{"one", []string{recContoso}, nil},
		{"several", []string{recContoso, recFabrikam, recWide}, nil},
		{"wide", []string{recWide}, nil},
		{"control", []string{recControl}, nil},
		{"formula", []string{recFormula}, nil},
		{"errors", []string{recContoso}, []string{errRecord}},
	}
	for _, s := range sets {
		for _, r := range renderings {
			name := s.name + "_" + r.suffix
			t.Run(name, func(t *testing.T) {
				got := renderAll(t, tcase{opts: r.opts, recs: s.recs, errs: s.errs})
				golden(t, name, got)
			})
		}
	}
}
