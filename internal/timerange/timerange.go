// Package timerange parses the --since and --until flags of the history commands (pdns,
// pairs, whois --history) and turns them into an OData $filter or a client-side filter.
package timerange

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// Parse reads a point in time: a date (2024-01-31, midnight UTC), an RFC 3339 time
// (2024-01-31T12:00:00Z), or a duration back from now: 2y, 30d, 12h, 2w, 90m, 45s, or a Go
// duration such as 1h30m.
func Parse(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time")
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, ok := ago(s, now); ok {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (2024-01-31), an RFC 3339 time (2024-01-31T12:00:00Z) or a duration (30d, 12h, 2w, 1y)", s)
}

var simpleAgo = lazy.Regexp(`^(\d{1,6})([smhdwy])$`)

// ago reads 2y, 30d, 2w, 12h, 90m, 45s and Go durations (1h30m) back from now; negative
// durations are refused: "since -3d" is in the future. Days, weeks and years count on
// the calendar, so 100000d is a date long ago rather than an overflowing duration.
func ago(s string, now time.Time) (time.Time, bool) {
	now = now.UTC() // a calendar day is 24 hours in UTC, whatever the local zone's DST
	if m := simpleAgo().FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "y":
			return now.AddDate(-n, 0, 0), true
		case "w":
			return now.AddDate(0, 0, -7*n), true
		case "d":
			return now.AddDate(0, 0, -n), true
		}
		unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour}[m[2]]
		return now.Add(-time.Duration(n) * unit), true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, false
	}
	return now.Add(-d), true
}

// Range is an optional lower (Since) and upper (Until) bound; zero times are open ends.
// A record is in range when it was last seen at or after Since and first seen at or before
// Until: it was active at some point inside the window.
type Range struct {
	Since, Until time.Time
}

// New parses the two flag values ("" = open end) against now.
func New(since, until string, now time.Time) (Range, error) {
	var r Range
	var err error
	if since != "" {
		if r.Since, err = Parse(since, now); err != nil {
			return Range{}, fmt.Errorf("invalid --since: %w", err)
		}
	}
	if until != "" {
		if r.Until, err = Parse(until, now); err != nil {
			return Range{}, fmt.Errorf("invalid --until: %w", err)
		}
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && r.Until.Before(r.Since) {
		return Range{}, fmt.Errorf("--until %s is before --since %s", Format(r.Until), Format(r.Since))
	}
	return r, nil
}

// IsZero reports whether neither bound is set.
func (r Range) IsZero() bool { return r.Since.IsZero() && r.Until.IsZero() }

// Format writes t as OData writes a DateTimeOffset literal: 2024-01-31T00:00:00Z.
func Format(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Filter is the OData $filter for the range: "lastSeenDateTime ge 2024-01-31T00:00:00Z and
// firstSeenDateTime le …"; "" when the range is open on both ends.
func (r Range) Filter() string {
	var parts []string
	if !r.Since.IsZero() {
		parts = append(parts, "lastSeenDateTime ge "+Format(r.Since))
	}
	if !r.Until.IsZero() {
		parts = append(parts, "firstSeenDateTime le "+Format(r.Until))
	}
	return strings.Join(parts, " and ")
}

// seen holds the two timestamps Keep reads; other properties are skipped by the decoder.
type seen struct {
	First *string `json:"firstSeenDateTime"`
	Last  *string `json:"lastSeenDateTime"`
}

// Keep is the client-side version of Filter, for endpoints that document no $filter on
// time. A missing timestamp falls back to the other one; a record with neither (or with
// text that is not a time) is kept, since nothing says it is out of range.
func (r Range) Keep(rec []byte) bool {
	if r.IsZero() {
		return true
	}
	var s seen
	if json.Unmarshal(rec, &s) != nil {
		return true
	}
	first, okF := parseStamp(s.First)
	last, okL := parseStamp(s.Last)
	if !okL {
		last, okL = first, okF
	}
	if !okF {
		first, okF = last, okL
	}
	if !r.Since.IsZero() && okL && last.Before(r.Since) {
		return false
	}
	if !r.Until.IsZero() && okF && first.After(r.Until) {
		return false
	}
	return true
}

func parseStamp(s *string) (time.Time, bool) {
	if s == nil || *s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	return t, err == nil
}

// IsDate reports whether s is a bare date (2024-01-31), which --until reads as the whole
// of that day.
func IsDate(s string) bool {
	_, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return err == nil
}

// PropertyFilter is the OData $filter bounding one timestamp property by --since and
// --until (docs/reference.md §8): "prop ge SINCE", and "prop le UNTIL", where a bare date
// in until means the end of that day ("prop lt" the next midnight). "" when both are empty.
func PropertyFilter(prop, since, until string, now time.Time) (string, error) {
	r, err := New(since, until, now)
	if err != nil {
		return "", err
	}
	var parts []string
	if !r.Since.IsZero() {
		parts = append(parts, prop+" ge "+Format(r.Since))
	}
	if !r.Until.IsZero() {
		if IsDate(until) {
			parts = append(parts, prop+" lt "+Format(r.Until.AddDate(0, 0, 1)))
		} else {
			parts = append(parts, prop+" le "+Format(r.Until))
		}
	}
	return strings.Join(parts, " and "), nil
}
