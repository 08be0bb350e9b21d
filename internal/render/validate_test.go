package render

import (
	"errors"
	"strings"
	"testing"
)

var documented = View{
	Columns:    reputation.Columns,
	Properties: []string{"query", "@odata.type", "id", "classification", "score", "rules"},
}

func TestValidateFields(t *testing.T) {
	ok := [][]string{
		{"query", "score"},
		{"@odata.type"},
		{"rules.name", "rules.0.name", " score "},
		{"autonomousSystem.name"}, // a column's field, though not a documented property
	}
	for _, f := range ok {
		if err := ValidateFields(documented, f); err != nil {
			t.Errorf("%q: %v", f, err)
		}
	}
	err := ValidateFields(documented, []string{"query", "scroe"})
	var ue *UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("unknown field: got %v, want a *UsageError", err)
	}
	for _, want := range []string{`unknown field "scroe"`, `did you mean "score"?`, "query, @odata.type, id, classification, score, rules, autonomousSystem.name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if err := ValidateFields(documented, []string{"Classification"}); err == nil || !strings.Contains(err.Error(), `did you mean "classification"?`) {
		t.Errorf("case-variant field: %v", err)
	}
	if err := ValidateFields(documented, []string{"autonomousSystem"}); err == nil {
		t.Error("a parent of a column field is not a property")
	}
	if err := ValidateFields(documented, []string{"a..b"}); !errors.As(err, &ue) {
		t.Errorf("malformed field: %v", err)
	}
	for _, f := range [][]string{nil, {}, {"help"}, {" help "}} {
		if err := ValidateFields(documented, f); !errors.Is(err, ErrFieldsHelp) {
			t.Errorf("%q: got %v, want ErrFieldsHelp", f, err)
		}
	}
	if err := ValidateFields(reputation, []string{"anything.at.all"}); err != nil {
		t.Errorf("a view without Properties cannot check: %v", err)
	}
}

func TestFieldsHelp(t *testing.T) {
	got := FieldsHelp(documented)
	want := "Fields for --fields (comma-separated):\n  query\n  @odata.type\n  id\n  classification\n  score\n  rules\n  autonomousSystem.name\n"
	if !strings.HasPrefix(got, want) || strings.Contains(got, "Any other property") {
		t.Errorf("FieldsHelp =\n%s", got)
	}
	if !strings.Contains(FieldsHelp(reputation), "Any other property of the records is accepted too.") {
		t.Error("FieldsHelp of a view without Properties should say any property is accepted")
	}
}

// TestNumericPathSameEverywhere: a number in a --fields path indexes the array
// in JSON, YAML, CSV and the table alike.
func TestNumericPathSameEverywhere(t *testing.T) {
	fields := []string{"query", "rules.1.name", "rules.0.severity"}
	got := renderAll(t, tcase{opts: Options{Format: JSONL, Fields: fields}, recs: []string{recContoso}})
	want := `{"query":"contoso.com","rules":[{"severity":"high"},{"name":"Phishing"}]}` + "\n"
	if got != want {
		t.Errorf("jsonl: got %s want %s", got, want)
	}
	got = renderAll(t, tcase{opts: Options{Format: JSONL, Fields: []string{"rules.1.name"}}, recs: []string{recContoso}})
	if want := `{"rules":[null,{"name":"Phishing"}]}` + "\n"; got != want {
		t.Errorf("an element keeps its index: got %s want %s", got, want)
	}
	got = renderAll(t, tcase{opts: Options{Format: CSV, Fields: fields}, recs: []string{recContoso}})
	if want := "query,rules.1.name,rules.0.severity\ncontoso.com,Phishing,high\n"; got != want {
		t.Errorf("csv: got %q want %q", got, want)
	}
	got = renderAll(t, tcase{opts: Options{Format: Table, Fields: fields}, recs: []string{recContoso}})
	if want := "QUERY\tRULES.1.NAME\tRULES.0.SEVERITY\ncontoso.com\tPhishing\thigh\n"; got != want {
		t.Errorf("table: got %q want %q", got, want)
	}
	// A path past the end selects nothing; a whole field wins over a path under it.
	got = renderAll(t, tcase{opts: Options{Format: JSONL, Fields: []string{"rules.9.name", "query"}}, recs: []string{recContoso}})
	if want := `{"query":"contoso.com"}` + "\n"; got != want {
		t.Errorf("index past the end: got %s", got)
	}
	got = renderAll(t, tcase{opts: Options{Format: JSONL, Fields: []string{"rules.0.name", "rules", "rules.name"}}, recs: []string{recContoso}})
	if !strings.Contains(got, `"description":"Credential phishing pages"`) {
		t.Errorf("whole field kept: got %s", got)
	}
}
