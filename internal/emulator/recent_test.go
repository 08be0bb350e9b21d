package emulator

import (
	"testing"
	"time"
)

func TestShiftDates(t *testing.T) {
	in := `{"firstSeenDateTime": "2023-07-18T23:24:01.000Z","name":"2023-07-18","expirationDateTime":"2024-02-29T00:00:00Z"}`
	want := `{"firstSeenDateTime": "2023-07-20T23:24:01.000Z","name":"2023-07-18","expirationDateTime":"2024-03-02T00:00:00Z"}`
	if got := string(shiftDates([]byte(in), 2)); got != want {
		t.Errorf("shiftDates = %s\nwant %s", got, want)
	}
	if d := daysSinceSampleData(sampleDataEnd().Add(-time.Hour)); d != 0 {
		t.Errorf("before the data's end: %d days", d)
	}
	if d := daysSinceSampleData(sampleDataEnd().AddDate(0, 0, 10).Add(time.Hour)); d != 10 {
		t.Errorf("ten days after: %d days", d)
	}
}

// RecentData ends the sample data just before the emulator's today; docs-literal mode and
// the default serve the dates as written.
func TestRecentDataEndsBeforeToday(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	const path = "/v1.0/security/threatIntelligence/hosts/8.8.8.8"
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{Now: func() time.Time { return now }, RecentData: true}, "2026-11-2"},
		{Options{Now: func() time.Time { return now }}, "2023-07-18"},
		{Options{Now: func() time.Time { return now }, RecentData: true, DocsLiteral: true}, "2023-07-18"},
	} {
		_, srv := newTestServer(t, tt.opts)
		got, _ := get(t, srv, path).json(t)["lastSeenDateTime"].(string)
		if len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("%+v: lastSeenDateTime %q, want %s…", tt.opts.RecentData, got, tt.want)
		}
	}
}
