package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"plain":                                "plain",
		"\x1b]8;;http://x\x07":                 "",
		"\x1b]8;;http://x\x07link\x1b]8;;\x07": "link",
		"\x1b]0;title\x1b\\after":              "after",
		"red\x1b[31mtext\x1b[0m":               "redtext",
		"\x1b[38;5;196mX":                      "X",
		"\x1b[?25l hidden cursor":              " hidden cursor",
		"\x1bPdcs payload\x1b\\ok":             "ok",
		"\x1b(Bcharset":                        "charset",
		"\x1b7save":                            "save",
		"c1\u009b31mcsi":                       "c1csi",
		"c1\u009d8;;u\u009cosc":                "c1osc",
		"a\tb\nc\r\nd\re":                      "a b c d e",
		"bel\x07nul\x00del\x7f":                "belnuldel",
		"bidi\u202egnp.exe":                    "bidignp.exe",
		"中文 😀":                                 "中文 😀",
		"bad\xffbyte":                          "bad\ufffdbyte",
		"\x1b":                                 "",
		"\x1b[":                                "",
		"\x1b]unterminated":                    "",
		"esc at end\x1b[31":                    "esc at end",
		"\x1b]8;;u\x1b[31mnested":              "nested",
		"\x1b[31\xe4\xb8\xadx":                 "中x",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := sanitize("a\tb\nc\x1b[1m", true); got != "a\tb\nc" {
		t.Errorf("sanitize keepLines = %q", got)
	}
}

func TestGuardFormula(t *testing.T) {
	cases := map[string]string{
		"=1+1": "'=1+1", "+cmd": "'+cmd", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"  =x": "'  =x", "\t=x": "'\t=x", "\rx": "'\rx", " \t+x": "' \t+x",
		"safe": "safe", "": "", "a=b": "a=b", "   ": "   ", "'=x": "'=x",
	}
	for in, want := range cases {
		if got := guardFormula(in); got != want {
			t.Errorf("guardFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithQuery(t *testing.T) {
	cases := []struct{ rec, q, want string }{
		{`{"id":"1","score":1.50}`, "contoso.com", `{"query":"contoso.com","id":"1","score":1.50}`},
		{`{"id":"1","query":"old","x":{"query":"nested"}}`, "new", `{"query":"new","id":"1","x":{"query":"nested"}}`},
		{`{}`, "a\"b", `{"query":"a\"b"}`},
		{` { "a" : [1, 2] } `, "q", `{"query":"q","a":[1, 2]}`},
		{`[1]`, "q", `[1]`},
		{`not json`, "q", `not json`},
		{`{"a":`, "q", `{"a":`},
	}
	for _, c := range cases {
		got := string(WithQuery([]byte(c.rec), c.q))
		if got != c.want {
			t.Errorf("WithQuery(%s, %q) = %s, want %s", c.rec, c.q, got, c.want)
		}
	}
	rec := []byte(`{"query":"x"}`)
	out := WithQuery(rec, "y")
	out[2] = 'Z'
	if string(rec) != `{"query":"x"}` {
		t.Error("WithQuery must not alias its input")
	}
}

func TestLookup(t *testing.T) {
	var o Object
	dec := json.NewDecoder(strings.NewReader(recContoso))
	dec.UseNumber()
	if err := dec.Decode(&o); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"score":                 "100",
		"autonomousSystem.name": "CONTOSO-AS",
		"@odata.type":           "#microsoft.graph.security.hostReputation",
		"rules.name":            "Known C2, Phishing",
		"rules.1.severity":      "medium",
		"rules":                 `[{"description":"Host was seen as command and control","name":"Known C2","severity":"high"},{"description":"Credential phishing pages","name":"Phishing","severity":"medium"}]`,
	}
	for path, want := range cases {
		v, ok := o.Lookup(path)
		if got := cellText(v, false); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	if n, _ := o.Lookup("score"); n != json.Number("100") {
		t.Errorf("numbers must stay json.Number, got %T", n)
	}
	for _, path := range []string{"missing", "score.x", "rules.9.name", "rules.-1", "autonomousSystem.name.x"} {
		if v, ok := o.Lookup(path); ok {
			t.Errorf("Lookup(%q) = %v, want not found", path, v)
		}
	}
}

func TestTruncateAndWrap(t *testing.T) {
	if got := truncate("中文字符", 5); got != "中文…" {
		t.Errorf("truncate wide = %q", got)
	}
	if got := truncate("abcdef", 6); got != "abcdef" {
		t.Errorf("truncate fits = %q", got)
	}
	if got := truncate("abcdef", 1); got != "…" {
		t.Errorf("truncate 1 = %q", got)
	}
	got := wrap("aaa bbb cccccccccc d", 5)
	want := []string{"aaa", "bbb", "ccccc", "ccccc", "d"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap("😀😀", 1); strings.Join(got, "|") != "😀|😀" {
		t.Errorf("wrap of wide runes in 1 cell = %q", got)
	}
	if got := wrap("", 10); len(got) != 1 || got[0] != "" {
		t.Errorf("wrap empty = %q", got)
	}
}

func TestFitColumns(t *testing.T) {
	trunc := func(n int) fitCol { return fitCol{natural: n, min: min(n, minTruncWidth)} }
	fixed := func(n int) fitCol { return fitCol{natural: n, min: n} }
	got := fitColumns([]fitCol{fixed(10), trunc(30), trunc(30)}, 50)
	if got[0] != 10 || got[1]+got[2]+4+10 != 50 {
		t.Errorf("fitColumns = %v", got)
	}
	// Even the last resort keeps the row within the width.
	got = fitColumns([]fitCol{fixed(40), trunc(40)}, 30)
	if got[0]+got[1]+2 != 30 {
		t.Errorf("fitColumns must fit the width: %v", got)
	}
}

// TestJSONLCompaction: the fast path and the json.Compact fallback agree,
// and every accepted record comes out as exactly one line.
func TestJSONLCompaction(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"a":"b \"q\" \\","c":[1,{"d":null}]}`, `{"a":"b \"q\" \\","c":[1,{"d":null}]}`},
		{"{\n  \"a\": [1, 2],\n\t\"b\": \"x y\"\r\n}", `{"a":[1,2],"b":"x y"}`},
		{`  {"a":1}  `, `{"a":1}`},
		{`[]`, `[]`},
		{`{"s":"tab\there"}`, `{"s":"tab\there"}`},
		{`{"a":"}"}`, `{"a":"}"}`},
	}
	for _, c := range cases {
		got := renderAll(t, tcase{opts: Options{Format: JSONL}, recs: []string{c.in}})
		if got != c.want+"\n" {
			t.Errorf("jsonl(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"{\"a\":\"raw\nnewline\"}", `{"a":1}{"b":2}`, `{"a":"unterminated}`, `{"a":1`, `{"a":"\`} {
		p, _ := NewPrinter(&strings.Builder{}, View{}, Options{Format: JSONL})
		if err := p.Add([]byte(bad)); err == nil {
			t.Errorf("jsonl accepted %q", bad)
		}
	}
}

func jsonValid(b []byte) bool { return json.Valid(b) }

func TestPrependQuery(t *testing.T) {
	for _, tt := range []struct{ rec, want string }{
		{`{"id":"a"}`, `{"query":"q\"x","id":"a"}`},
		{`{}`, `{"query":"q\"x"}`},
		{`{"query":"old","id":1}`, `{"query":"q\"x","id":1}`},
	} {
		if got := string(PrependQuery([]byte(tt.rec), `q"x`)); got != tt.want {
			t.Errorf("PrependQuery(%s) = %s, want %s", tt.rec, got, tt.want)
		}
	}
}

// A 1 MB value in a truncatable column shows as a few lines ending in "…" in a card; a
// column that may not be truncated keeps its whole value.
func TestCardTruncatesHugeValue(t *testing.T) {
	view := View{Columns: []Column{
		{Header: "ID", Field: "id"},
		{Header: "DETAILS", Field: "details", Truncate: true},
	}}
	var out bytes.Buffer
	p, err := NewPrinter(&out, view, Options{Format: Table, TTY: true, Width: 60, Single: true})
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("A", 1<<20)
	if err := p.Add([]byte(`{"id":"x","details":"` + huge + `"}`)); err != nil {
		t.Fatal(err)
	}
	_ = p.Close()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 1+cardMaxLines || !strings.HasSuffix(lines[len(lines)-1], "A…") {
		t.Fatalf("card has %d lines, want %d ending in …; last %q", len(lines), 1+cardMaxLines, lines[len(lines)-1])
	}
	for _, l := range lines {
		if stringWidth(l) > 60 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
}

func TestNoCardKeepsOneRow(t *testing.T) {
	var out strings.Builder
	view := View{Columns: []Column{{Header: "A", Field: "a"}, {Header: "B", Field: "b"}}, NoCard: true}
	p, err := NewPrinter(&out, view, Options{Format: Table, TTY: true, Single: true, Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Add([]byte(`{"a":"x","b":"y"}`)); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "A  B\nx  y\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
