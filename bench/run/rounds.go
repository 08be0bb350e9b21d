package main

import (
	"fmt"
	"slices"
	"time"
)

// timings are one side's wall times over interleaved rounds.
type timings []time.Duration

func (t timings) min() time.Duration { return slices.Min(t) }
func (t timings) med() time.Duration { return median(t) }

// interleave runs every side once per round, in turn (A B A B…), so that drift on a shared
// machine hits every side alike.
func interleave(rounds int, sides ...func() (time.Duration, error)) ([]timings, error) {
	out := make([]timings, len(sides))
	for range rounds {
		for i, side := range sides {
			d, err := side()
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], d)
		}
	}
	return out, nil
}

// minMed formats a side's minimum and median.
func minMed(t timings) string {
	return fmt.Sprintf("min %s, median %s", ms(t.min()), ms(t.med()))
}

// ratios formats a/b on minima and medians.
func ratios(a, b timings) string {
	return fmt.Sprintf("%.2f× (min), %.2f× (median)", a.min().Seconds()/b.min().Seconds(), a.med().Seconds()/b.med().Seconds())
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
