package timerange

import (
	"testing"
	"time"
)

var now = time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2024-01-31":                time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC),
		"2024-01-31T12:30:00Z":      time.Date(2024, 1, 31, 12, 30, 0, 0, time.UTC),
		"2024-01-31T12:30:00+02:00": time.Date(2024, 1, 31, 10, 30, 0, 0, time.UTC),
		"2024-01-31T12:30:00.5Z":    time.Date(2024, 1, 31, 12, 30, 0, 5e8, time.UTC),
		"30d":                       now.Add(-30 * 24 * time.Hour),
		"2w":                        now.Add(-14 * 24 * time.Hour),
		"12h":                       now.Add(-12 * time.Hour),
		"90m":                       now.Add(-90 * time.Minute),
		"45s":                       now.Add(-45 * time.Second),
		"1h30m":                     now.Add(-90 * time.Minute),
		" 7d ":                      now.Add(-7 * 24 * time.Hour),
		"2y":                        time.Date(2022, 3, 10, 12, 0, 0, 0, time.UTC),
		"999999d":                   now.AddDate(0, 0, -999999), // a date long ago, not an overflow
	} {
		got, err := Parse(in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "yesterday", "2024-13-01", "2024-01-31 12:00", "-3d", "30", "30x", "d", "-2y", "2024/01/31", "-1h"} {
		if got, err := Parse(in, now); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", in, got)
		}
	}
}

func TestNewChecksOrder(t *testing.T) {
	if _, err := New("2024-02-01", "2024-01-01", now); err == nil {
		t.Fatal("until before since: want an error")
	}
	if _, err := New("bad", "", now); err == nil || err.Error()[:15] != "invalid --since" {
		t.Fatalf("err = %v, want invalid --since", err)
	}
	r, err := New("", "", now)
	if err != nil || !r.IsZero() || r.Filter() != "" {
		t.Fatalf("empty range: %v %v %q", r, err, r.Filter())
	}
}

func TestFilter(t *testing.T) {
	r, err := New("2024-01-31", "2024-02-29T10:00:00Z", now)
	if err != nil {
		t.Fatal(err)
	}
	want := "lastSeenDateTime ge 2024-01-31T00:00:00Z and firstSeenDateTime le 2024-02-29T10:00:00Z"
	if got := r.Filter(); got != want {
		t.Errorf("Filter() = %q, want %q", got, want)
	}
	r, _ = New("30d", "", now)
	if got := r.Filter(); got != "lastSeenDateTime ge 2024-02-09T12:00:00Z" {
		t.Errorf("Filter() = %q", got)
	}
}

func TestKeep(t *testing.T) {
	r, _ := New("2023-01-01", "2023-12-31", now)
	for rec, want := range map[string]bool{
		`{"firstSeenDateTime":"2022-05-01T00:00:00Z","lastSeenDateTime":"2023-03-01T00:00:00Z"}`: true,  // overlaps
		`{"firstSeenDateTime":"2022-05-01T00:00:00Z","lastSeenDateTime":"2022-12-31T23:59:59Z"}`: false, // ended before
		`{"firstSeenDateTime":"2024-01-01T00:00:00Z","lastSeenDateTime":"2024-02-01T00:00:00Z"}`: false, // started after
		`{"firstSeenDateTime":"2023-12-31T00:00:00Z","lastSeenDateTime":null}`:                   true,  // falls back to first
		`{"firstSeenDateTime":null,"lastSeenDateTime":"2022-01-01T00:00:00Z"}`:                   false, // falls back to last
		`{"id":"x"}`: true, // nothing to judge
		`{"firstSeenDateTime":"String (timestamp)"}`:                                                         true, // doc placeholder
		`{"artifact":{"lastSeenDateTime":"2000-01-01T00:00:00Z"},"lastSeenDateTime":"2023-06-01T00:00:00Z"}`: true, // nested ignored
	} {
		if got := r.Keep([]byte(rec)); got != want {
			t.Errorf("Keep(%s) = %v, want %v", rec, got, want)
		}
	}
}

func TestPropertyFilter(t *testing.T) {
	for _, tt := range []struct{ since, until, want string }{
		{"", "", ""},
		{"2024-01-31", "", "createdDateTime ge 2024-01-31T00:00:00Z"},
		{"", "2024-02-29", "createdDateTime lt 2024-03-01T00:00:00Z"},
		{"", "2024-02-29T10:00:00Z", "createdDateTime le 2024-02-29T10:00:00Z"},
		{"7d", "2024-03-09", "createdDateTime ge 2024-03-03T12:00:00Z and createdDateTime lt 2024-03-10T00:00:00Z"},
		// The same day on both ends is that whole day.
		{"2024-03-01", "2024-03-01", "createdDateTime ge 2024-03-01T00:00:00Z and createdDateTime lt 2024-03-02T00:00:00Z"},
	} {
		got, err := PropertyFilter("createdDateTime", tt.since, tt.until, now)
		if err != nil || got != tt.want {
			t.Errorf("PropertyFilter(%q, %q) = %q, %v; want %q", tt.since, tt.until, got, err, tt.want)
		}
	}
	if _, err := PropertyFilter("createdDateTime", "2024-03-02", "2024-03-01", now); err == nil {
		t.Error("until before since: want an error")
	}
}
