package shared

import (
	"strconv"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/lookup"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 100: "100", 1000: "1,000", 999999: "999,999", 1000000: "1,000,000", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// A run keeps at most maxNotes notes; the rest are counted in one line.
func TestNotesAreBounded(t *testing.T) {
	n := &notes{empty: func(q string) string { return "no records for " + q }, cuts: map[string]string{}}
	for i := range maxNotes + 5 {
		n.keep(lookup.Input{Query: strconv.Itoa(i), Key: strconv.Itoa(i)}, 0)
	}
	var b strings.Builder
	n.print(&b)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != maxNotes+1 || lines[0] != "no records for 0" || lines[maxNotes] != "… and 5 more like these" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}

// A cut note is kept by key only until an input takes it, unless another input may have
// that key: a million cut collections keep no million notes, and a repeat still gets its
// note.
func TestCutNotesGoOnceTaken(t *testing.T) {
	l := &lookup.Inputs{}
	for _, k := range []string{"a.test", "b.test", "a.test"} {
		l.Add(lookup.Input{Query: k, Key: k})
	}
	if err := l.Seal(); err != nil {
		t.Fatal(err)
	}
	n := &notes{many: true, repeated: l.Repeated, cuts: map[string]string{}}
	n.cutter("a.test")(10, nil)
	n.cutter("b.test")(10, nil)
	want := "showing the first 10; more exist (--all for every record)"
	for i, k := range []string{"a.test", "b.test", "a.test"} {
		if got := n.note(lookup.Input{Query: k, Key: k}, 10); got != k+": "+want {
			t.Errorf("input %d: note %q", i, got)
		}
	}
	if _, ok := n.cuts["b.test"]; ok || len(n.cuts) != 1 {
		t.Errorf("cuts kept: %v; want only the repeated a.test", n.cuts)
	}
}
