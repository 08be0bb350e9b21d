package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/mdti-cli/mdti/internal/graph"
)

const latency = 20 * time.Millisecond

// bulk: 10,000 reputations with 20 ms per request, against the ideal and one at a time.
func (b *bench) bulk(hosts, seqHosts int) (section, error) {
	emu, err := b.startEmulator("--latency", latency.String())
	if err != nil {
		return section{}, err
	}
	defer emu.stop()
	const workers = 4
	res, err := b.runMDTI(emu.url, hostList("b", hosts), "reputation", "-o", "jsonl", "--concurrency", fmt.Sprint(workers))
	if err != nil {
		return section{}, err
	}
	if res.lines != hosts {
		return section{}, fmt.Errorf("bulk: %d records for %d hosts (exit %d): %s", res.lines, hosts, res.exit, res.stderr)
	}
	ideal := time.Duration(math.Ceil(float64(hosts)/20/workers)) * latency
	seq, err := sequential(emu.url, seqHosts)
	if err != nil {
		return section{}, err
	}
	seqFull := seq * time.Duration(hosts) / time.Duration(seqHosts)
	ratioIdeal := res.wall.Seconds() / ideal.Seconds()
	speedup := seqFull.Seconds() / res.wall.Seconds()
	s := section{
		title:  "Bulk reputation",
		target: fmt.Sprintf("%d hosts, %s per request: within 1.25× of ceil(%d/20/%d)×%s = %s, and ≥10× faster than one request at a time", hosts, latency, hosts, workers, latency, secs(ideal)),
		met:    ratioIdeal <= 1.25 && speedup >= 10,
		rows: [][2]string{
			{"mdti wall time", secs(res.wall)},
			{"ideal", secs(ideal)},
			{"ratio to ideal", fmt.Sprintf("%.2f×", ratioIdeal)},
			{fmt.Sprintf("one request at a time (%d hosts)", seqHosts), secs(seq)},
			{"speed-up over one at a time", fmt.Sprintf("%.1f×", speedup)},
			{"records", fmt.Sprint(res.lines)},
		},
	}
	if seqHosts != hosts {
		s.notes = fmt.Sprintf("The one-at-a-time baseline ran %d hosts and was scaled linearly to %d.", seqHosts, hosts)
	}
	return s, nil
}

// sequential is the baseline: one GET per host, each waiting for the last, through the
// same Graph client.
func sequential(url string, n int) (time.Duration, error) {
	c := graph.New(graph.WithEndpoint(url), graph.WithTokenSource(graph.StaticToken("emulator")),
		graph.WithHTTPClient(&http.Client{}))
	var failed atomic.Int32
	start := time.Now()
	for i := range n {
		if _, err := c.GetHostReputation(context.Background(), fmt.Sprintf("s%d.bulk.test", i)); err != nil {
			failed.Add(1)
		}
	}
	if f := failed.Load(); f > 0 {
		return 0, fmt.Errorf("sequential baseline: %d of %d requests failed", f, n)
	}
	return time.Since(start), nil
}

// throttled: the emulator allows 500 requests/s; every result must still arrive.
func (b *bench) throttled(hosts int) (section, error) {
	const rate = 500
	emu, err := b.startEmulator("--rate-limit", fmt.Sprint(rate))
	if err != nil {
		return section{}, err
	}
	defer emu.stop()
	res, err := b.runMDTI(emu.url, hostList("t", hosts), "reputation", "-o", "jsonl")
	if err != nil {
		return section{}, err
	}
	throughput := float64(res.lines) / res.wall.Seconds()
	return section{
		title:  "Bulk reputation under throttling",
		target: fmt.Sprintf("%d hosts, emulator throttling at %d requests/s: all results arrive, none lost, throughput close to the allowed rate", hosts, rate),
		met:    res.lines == hosts && res.exit == 0 && throughput >= 0.8*rate,
		rows: [][2]string{
			{"records / hosts", fmt.Sprintf("%d / %d", res.lines, hosts)},
			{"exit code", fmt.Sprint(res.exit)},
			{"wall time", secs(res.wall)},
			{"throughput", fmt.Sprintf("%.0f hosts/s (%.0f%% of %d/s)", throughput, 100*throughput/rate, rate)},
		},
		notes: "The emulator's token bucket holds one second of requests; each $batch item takes a token, and a 429 item waits for its Retry-After (1 s) while the whole client holds back.",
	}, nil
}
