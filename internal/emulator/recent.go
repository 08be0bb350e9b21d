package emulator

import (
	"sync"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// sampleDataEnd is a day just after the newest observation in data/*.json: RecentData
// moves it to the emulator's today.
func sampleDataEnd() time.Time { return time.Date(2023, 7, 20, 0, 0, 0, 0, time.UTC) }

// daysSinceSampleData is how many whole days the sample data moves forward to end at now;
// 0 when now is not after its end.
func daysSinceSampleData(now time.Time) int {
	d := int(now.UTC().Sub(sampleDataEnd()) / (24 * time.Hour))
	return max(d, 0)
}

// dateTimeValue finds the date of every "…DateTime": "YYYY-MM-DD…" member in a data file.
var dateTimeValue = lazy.Pattern{Expr: `("[A-Za-z]*DateTime"\s*:\s*")(\d{4}-\d{2}-\d{2})`}

// shiftDates moves the date of every *DateTime member of a JSON data file forward by
// days, leaving the time of day, the precision and everything else as written.
func shiftDates(b []byte, days int) []byte {
	if days == 0 {
		return b
	}
	return dateTimeValue.Get().ReplaceAllFunc(b, func(m []byte) []byte {
		sub := dateTimeValue.Get().FindSubmatch(m)
		d, err := time.Parse("2006-01-02", string(sub[2]))
		if err != nil {
			return m
		}
		return append(append([]byte(nil), sub[1]...), d.AddDate(0, 0, days).Format("2006-01-02")...)
	})
}

// recent holds the shifted data by shift; a process serves one or two at most. Each is a
// source: its files are parsed on first use, like the unshifted data's.
var recent struct {
	mu   sync.Mutex
	srcs map[int]*source
}

// recentDatasets is sharedDatasets(false) with every date moved forward by days.
func recentDatasets(days int) map[string]*dataset {
	recent.mu.Lock()
	defer recent.mu.Unlock()
	if src, ok := recent.srcs[days]; ok {
		return src.versions
	}
	if recent.srcs == nil {
		recent.srcs = map[int]*source{}
	}
	src := newSource(false, days, readDataFile)
	recent.srcs[days] = src
	return src.versions
}
