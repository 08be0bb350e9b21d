package cmdutil

import (
	"errors"
	"testing"
)

func TestODataValuesLeavesOutEmptyOptions(t *testing.T) {
	got := OData{Filter: "recordType eq 'A'", OrderBy: "lastSeenDateTime desc"}.Values().Encode()
	if want := "%24filter=recordType+eq+%27A%27&%24orderby=lastSeenDateTime+desc"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if q := (OData{}).Values(); len(q) != 0 {
		t.Errorf("empty options gave %v", q)
	}
}

func TestAndFilters(t *testing.T) {
	for _, tt := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{"", "  "}, ""},
		{[]string{"recordType eq 'A'"}, "recordType eq 'A'"},
		{[]string{" a or b ", ""}, "a or b"},
		{[]string{"recordType eq 'A'", "a or b"}, "(recordType eq 'A') and (a or b)"},
		{[]string{"x", "", "y", "z"}, "(x) and (y) and (z)"},
	} {
		if got := AndFilters(tt.parts...); got != tt.want {
			t.Errorf("AndFilters(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}

func TestODataString(t *testing.T) {
	for in, want := range map[string]string{"A": "'A'", "it's": "'it''s'", "": "''", "''": "''''''"} {
		if got := ODataString(in); got != want {
			t.Errorf("ODataString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSearchLiteral(t *testing.T) {
	for in, want := range map[string]string{
		"sha1:abc":                  `"sha1:abc"`,
		`  "subject/commonName:x" `: `"subject/commonName:x"`,
		`" spaced "`:                `"spaced"`,
		"two words":                 `"two words"`,
	} {
		if got, err := SearchLiteral("--search", in); err != nil || got != want {
			t.Errorf("SearchLiteral(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"":       "--search: the search text is empty",
		`""`:     "--search: the search text is empty",
		`a"b`:    `--search "a\"b": a search cannot contain a double quote`,
		"a\x00b": `--search "a\x00b": a search cannot contain control characters`,
		"a\x7f":  `--search "a\x7f": a search cannot contain control characters`,
	} {
		_, err := SearchLiteral("--search", in)
		var flagErr *FlagError
		if !errors.As(err, &flagErr) || err.Error() != want {
			t.Errorf("SearchLiteral(%q) error %v, want usage error %q", in, err, want)
		}
	}
}
