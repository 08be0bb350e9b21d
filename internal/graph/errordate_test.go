package graph

import "testing"

// An error's date reads the same whether it came in the error body or the Date header.
func TestErrorDateHasOneFormat(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-30T07:29:40":           "2026-11-30T07:29:40Z",
		"2026-11-30T07:29:40.123Z":      "2026-11-30T07:29:40Z",
		"Mon, 30 Nov 2026 07:29:40 GMT": "2026-11-30T07:29:40Z",
		"d2":                            "d2",
	} {
		if got := errorDate(in); got != want {
			t.Errorf("errorDate(%q) = %q, want %q", in, got, want)
		}
	}
}
