package shared

import "testing"

func TestSingleTerm(t *testing.T) {
	for in, want := range map[string]string{"Batloader": `"Batloader"`, `"ACTINIUM"`: `"ACTINIUM"`} {
		if got, err := SingleTerm("--search", in); err != nil || got != want {
			t.Errorf("SingleTerm(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"two words": `--search "two words": Graph searches for a single term; drop the spaces`,
		"tab\there": `--search "tab\there": a search cannot contain control characters`,
		"":          "--search: the search text is empty",
	} {
		if _, err := SingleTerm("--search", in); err == nil || err.Error() != want {
			t.Errorf("SingleTerm(%q) error %v, want %q", in, err, want)
		}
	}
}
