package emulator

import (
	"regexp"
	"sync"
	"time"
)

// sampleDataEnd is a day just after the newest observation in data/*.json: RecentData
// moves it to the emulator's today.
var sampleDataEnd = time.Date(2023, 7, 20, 0, 0, 0, 0, time.UTC)

// daysSinceSampleData is how many whole days the sample data moves forward to end at now;
// 0 when now is not after its end.
func daysSinceSampleData(now time.Time) int {
	d := int(now.UTC().Sub(sampleDataEnd) / (24 * time.Hour))
	return max(d, 0)
}

// dateTimeValue finds the date of every "…DateTime": "YYYY-MM-DD…" member in a data file.
var dateTimeValue = regexp.MustCompile(`("[A-Za-z]*DateTime"\s*:\s*")(\d{4}-\d{2}-\d{2})`)

// shiftDates moves the date of every *DateTime member of a JSON data file forward by
// days, leaving the time of day, the precision and everything else as written.
func shiftDates(b []byte, days int) []byte {
	if days == 0 {
		return b
	}
	return dateTimeValue.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := dateTimeValue.FindSubmatch(m)
		d, err := time.Parse("2006-01-02", string(sub[2]))
		if err != nil {
			return m
		}
		return append(append([]byte(nil), sub[1]...), d.AddDate(0, 0, days).Format("2006-01-02")...)
	})
}

// recent holds the shifted data sets by shift; a process serves one or two at most.
var recent struct {
	mu   sync.Mutex
	sets map[int]map[string]*dataset
}

// recentDatasets is sharedDatasets(false) with every date moved forward by days.
func recentDatasets(days int) map[string]*dataset {
	recent.mu.Lock()
	defer recent.mu.Unlock()
	if sets, ok := recent.sets[days]; ok {
		return sets
	}
	sets, err := loadShiftedDatasets(false, days)
	if err != nil {
		sets = map[string]*dataset{"v1.0": emptyDataset(), "beta": emptyDataset()}
	}
	if recent.sets == nil {
		recent.sets = map[int]map[string]*dataset{}
	}
	recent.sets[days] = sets
	return sets
}
