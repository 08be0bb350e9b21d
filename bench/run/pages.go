package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pagesPerHost is how many pages each pages.bulk.test host's passive DNS takes when the
// emulator serves one record a page: its three records.
const pagesPerHost = 3

// laterPages: `pdns -i` of n pages.bulk.test hosts with pagesPerHost pages each, against
// the batched ideal ⌈n/20/c⌉ × pages × latency, beside the same hosts read in one page
// each (an emulator with the default page size), interleaved. It returns the section's
// rows.
func (b *bench) laterPages(n, rounds, workers int) ([][2]string, error) {
	paged, err := b.startEmulator("--latency", latency.String(), "--page-size", "1")
	if err != nil {
		return nil, err
	}
	defer paged.stop()
	whole, err := b.startEmulator("--latency", latency.String())
	if err != nil {
		return nil, err
	}
	defer whole.stop()
	dir, err := os.MkdirTemp("", "mdti-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "pages.txt")
	var hosts strings.Builder
	for i := range n {
		fmt.Fprintf(&hosts, "h%d.pages.bulk.test\n", i)
	}
	if err := os.WriteFile(file, []byte(hosts.String()), 0o600); err != nil {
		return nil, err
	}
	side := func(url string) func() (time.Duration, error) {
		return func() (time.Duration, error) {
			res, err := b.runMDTI(url, "", "pdns", "-i", file, "-o", "jsonl", "--concurrency", fmt.Sprint(workers))
			if err != nil || res.exit != 0 || res.lines != n*pagesPerHost {
				return 0, fmt.Errorf("pdns -i %d paged hosts: %d records, exit %d, %v: %s", n, res.lines, res.exit, err, res.stderr)
			}
			return res.wall, nil
		}
	}
	t, err := interleave(rounds, side(paged.url), side(whole.url))
	if err != nil {
		return nil, err
	}
	ideal := time.Duration(math.Ceil(float64(n)/20/float64(workers))) * pagesPerHost * latency
	three, one := t[0], t[1]
	return [][2]string{
		{fmt.Sprintf("pdns -i, %d pages a host", pagesPerHost), minMed(three)},
		{"pdns -i, same records in one page a host", minMed(one)},
		{fmt.Sprintf("%d pages / ideal ⌈%d/20/%d⌉ × %d × %s = %s", pagesPerHost, n, workers, pagesPerHost, latency, secs(ideal)),
			fmt.Sprintf("%.2f× (min), %.2f× (median)", three.min().Seconds()/ideal.Seconds(), three.med().Seconds()/ideal.Seconds())},
		{fmt.Sprintf("%d pages / one page", pagesPerHost), ratios(three, one)},
	}, nil
}
