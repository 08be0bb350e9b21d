// Command run is `make bench`: it measures mdti against the emulator, side by side with
// baselines in the same run, and writes BENCHMARKS.md. Targets come from issues 5 and 12; a target
// missed is reported with its measured figures, never hidden.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

func main() {
	mdti := flag.String("mdti", "bin/mdti", "mdti binary")
	baseline := flag.String("mincobra", "bin/mincobra", "minimal Cobra binary")
	floor := flag.String("fivelibs", "bin/fivelibs", "Cobra binary linking the design's five libraries")
	minget := flag.String("minget", "bin/minget", "minimal Go GET binary")
	out := flag.String("out", "BENCHMARKS.md", "report file")
	hosts := flag.Int("hosts", 10000, "hosts in the bulk benchmarks")
	seqHosts := flag.Int("sequential-hosts", 1000, "hosts in the one-request-at-a-time baseline (scaled to -hosts)")
	enrichRounds := flag.Int("enrich-rounds", 7, "interleaved rounds of the enrichment benchmark")
	rounds := flag.Int("rounds", 21, "interleaved rounds of the one-shot, demo and first-row comparisons")
	only := flag.String("only", "", "run one benchmark by name (no report written): "+
		"bulk, throttled, streaming, startup, memory, enrich, collections, concurrency, reset, oneshot, demo, firstrow")
	flag.Parse()
	// BENCH_FULL=1 adds the sizes that take minutes: 1,000,000 hosts in the memory run.
	full := os.Getenv("BENCH_FULL") == "1"
	memSizes := []int{1000, 10000, 100000}
	if full {
		memSizes = append(memSizes, 1_000_000)
	}

	b := &bench{mdti: *mdti}
	var sections []section
	runs := []struct {
		name string
		run  func() (section, error)
	}{
		{"bulk", func() (section, error) { return b.bulk(*hosts, *seqHosts) }},
		{"collections", func() (section, error) { return b.collections(1000, 5) }},
		{"throttled", func() (section, error) { return b.throttled(*hosts) }},
		{"concurrency", func() (section, error) { return b.concurrencyUnderLimit(2000, 100, []int{1, 4, 16, 64}) }},
		{"reset", b.resetInBatch},
		{"streaming", b.streaming},
		{"memory", func() (section, error) { return b.memoryGrowth(memSizes) }},
		{"oneshot", func() (section, error) { return b.oneShot(*minget, *rounds) }},
		{"demo", func() (section, error) { return b.demoVsExternal(*rounds) }},
		{"firstrow", func() (section, error) { return b.firstRow(10000, 5) }},
		{"startup", func() (section, error) { return b.startup(*baseline, *floor) }},
		{"enrich", func() (section, error) { return b.enrich(*enrichRounds) }},
	}
	for _, r := range runs {
		if *only != "" && r.name != *only {
			continue
		}
		s, err := r.run()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		fmt.Println(s.summary())
		sections = append(sections, s)
	}
	if *only != "" {
		// One benchmark writes no report: its section is printed, to paste or compare.
		for _, s := range sections {
			fmt.Print(s.markdown())
		}
		return
	}
	if err := os.WriteFile(*out, []byte(report(sections)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}

// section is one benchmark's result for BENCHMARKS.md.
type section struct {
	title  string
	target string
	met    bool
	rows   [][2]string // measure, value
	notes  string
}

func (s section) summary() string {
	verdict := "MET"
	if !s.met {
		verdict = "MISSED"
	}
	var parts []string
	for _, r := range s.rows {
		parts = append(parts, r[0]+"="+r[1])
	}
	return fmt.Sprintf("%-28s %s  %s", s.title, verdict, strings.Join(parts, "  "))
}

func report(sections []section) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "# Benchmarks\n\nWritten by `make bench` (bench/run) on %s: %s/%s, %d CPUs, %s, host %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), host)
	b.WriteString("Every figure comes from one run, with its baseline measured in the same run against the\n")
	b.WriteString("same emulator (a separate `mdti emulator` process over loopback HTTP).\n")
	for _, s := range sections {
		b.WriteString(s.markdown())
	}
	return b.String()
}

// markdown is the section as BENCHMARKS.md prints it.
func (s section) markdown() string {
	var b strings.Builder
	verdict := "met"
	if !s.met {
		verdict = "**missed**"
	}
	fmt.Fprintf(&b, "\n## %s\n\nTarget: %s — %s.\n\n| measure | value |\n|---|---|\n", s.title, s.target, verdict)
	for _, r := range s.rows {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], r[1])
	}
	if s.notes != "" {
		fmt.Fprintf(&b, "\n%s\n", s.notes)
	}
	return b.String()
}
