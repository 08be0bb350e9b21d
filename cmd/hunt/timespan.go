package hunt

import (
	"fmt"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// timespanForms is what --timespan accepts, for messages and help.
const timespanForms = "an ISO 8601 duration (P7D, PT12H), a date or RFC 3339 time (2024-02-01T08:00:00Z), " +
	"an interval start/end, duration/end or start/duration, or a shorthand such as 7d, 12h or 2w"

// isoDurationRE is an ISO 8601 duration with integer designators and decimal seconds.
var isoDurationRE = lazy.Regexp(`^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$`)

var shorthandRE = lazy.Regexp(`^(\d{1,6})([smhdw])$`)

// normalizeTimespan checks a --timespan value against the forms the runHuntingQuery page
// documents (Date/Date, Duration/EndDate, Start/Duration, an ISO 8601 duration, a single
// date/time) and returns what is sent: durations upper-cased, mdti's shorthand (7d) as the
// ISO duration it means (P7D), dates as given. "" stays "" (Graph's default, 30 days).
func normalizeTimespan(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	parts := strings.Split(s, "/")
	if len(parts) > 2 {
		return "", fmt.Errorf("%q has more than one '/': want %s", s, timespanForms)
	}
	if len(parts) == 1 {
		if d, ok := duration(s); ok {
			return d, nil
		}
		if _, ok := dateTime(s); ok {
			return s, nil
		}
		return "", fmt.Errorf("%q is not a timespan: want %s", s, timespanForms)
	}
	return interval(parts[0], parts[1])
}

// interval checks start/end, duration/end and start/duration.
func interval(a, b string) (string, error) {
	whole := a + "/" + b
	startA, aIsDate := dateTime(a)
	endB, bIsDate := dateTime(b)
	durA, aIsDur := duration(a)
	durB, bIsDur := duration(b)
	switch {
	case aIsDate && bIsDate:
		if !endB.After(startA) {
			return "", fmt.Errorf("interval %q ends before it starts", whole)
		}
		return whole, nil
	case aIsDur && bIsDate:
		return durA + "/" + b, nil
	case aIsDate && bIsDur:
		return a + "/" + durB, nil
	}
	return "", fmt.Errorf("%q is not an interval: want start/end, duration/end or start/duration, such as 2024-02-01T08:00:00Z/P30D", whole)
}

// duration reads an ISO 8601 duration (any case) or a shorthand, as an upper-case ISO
// duration; a zero duration is refused, as it selects nothing.
func duration(s string) (string, bool) {
	if m := shorthandRE().FindStringSubmatch(strings.ToLower(s)); m != nil {
		if strings.Trim(m[1], "0") == "" {
			return "", false
		}
		switch m[2] {
		case "d", "w":
			return "P" + m[1] + strings.ToUpper(m[2]), true
		default:
			return "PT" + m[1] + strings.ToUpper(m[2]), true
		}
	}
	up := strings.ToUpper(s)
	if up == "P" || strings.HasSuffix(up, "T") || !isoDurationRE().MatchString(up) {
		return "", false
	}
	return up, strings.ContainsAny(up, "123456789")
}

// dateTime reads an RFC 3339 time, a time without a zone (UTC, as advanced hunting's
// times are) or a date.
func dateTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
