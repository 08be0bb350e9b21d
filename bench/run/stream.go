package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

const bigHost = "big.pdns.test"

// streaming: `pdns big.pdns.test --all -o jsonl` over 1,000,000 records, against a bare
// decode-and-write loop over the same pages.
func (b *bench) streaming() (section, error) {
	emu, err := b.startEmulator()
	if err != nil {
		return section{}, err
	}
	defer emu.stop()
	res, err := b.runMDTI(emu.url, "", "pdns", bigHost, "--all", "-o", "jsonl")
	if err != nil {
		return section{}, err
	}
	if res.lines != 1_000_000 {
		return section{}, fmt.Errorf("streaming: %d records (exit %d): %s", res.lines, res.exit, res.stderr)
	}
	bare, n, err := bareLoop(emu.url)
	if err != nil {
		return section{}, err
	}
	rate, bareRate := float64(res.lines)/res.wall.Seconds(), float64(n)/bare.Seconds()
	return section{
		title:  "Streaming passive DNS",
		target: "`pdns --all -o jsonl` over 1,000,000 records: peak RSS under 64 MiB, records/s at least half a bare Go decode-and-write loop",
		met:    res.maxRSSKB < 64*1024 && rate >= bareRate/2,
		rows: [][2]string{
			{"mdti peak RSS", mib(res.maxRSSKB)},
			{"mdti wall time", secs(res.wall)},
			{"mdti records/s", fmt.Sprintf("%.0f", rate)},
			{"bare loop wall time", secs(bare)},
			{"bare loop records/s", fmt.Sprintf("%.0f", bareRate)},
			{"mdti / bare loop", fmt.Sprintf("%.2f", rate/bareRate)},
		},
		notes: "The bare loop GETs the same pages, decodes each into []json.RawMessage and writes every record and a newline to /dev/null, as mdti's stdout is; mdti adds \"query\", strips annotations, sends and checks the bearer token and follows nextLinks through its retry transport.",
	}, nil
}

// bareLoop is the floor: fetch every page, decode it, write each record out.
func bareLoop(base string) (time.Duration, int, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, 0, err
	}
	defer devnull.Close()
	w := bufio.NewWriter(devnull)
	next := base + "/v1.0/security/threatIntelligence/hosts/" + bigHost + "/passiveDns"
	n := 0
	start := time.Now()
	for next != "" {
		req, _ := http.NewRequest(http.MethodGet, next, nil)
		req.Header.Set("Authorization", "Bearer emulator")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, 0, err
		}
		var page struct {
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			return 0, 0, err
		}
		for _, rec := range page.Value {
			w.Write(rec)
			w.WriteByte('\n')
		}
		n += len(page.Value)
		next = page.NextLink
	}
	w.Flush()
	return time.Since(start), n, nil
}

// startup: `mdti version` and `mdti --help` against a bare Cobra program (bench/mincobra)
// and one that links the design's five libraries (bench/fivelibs), all built the same
// way, interleaved run by run.
func (b *bench) startup(baseline, floor string) (section, error) {
	const rounds = 41
	side := func(bin string, args ...string) func() (time.Duration, error) {
		return func() (time.Duration, error) { return b.runBinary(bin, args...) }
	}
	t, err := interleave(rounds, side(b.mdti, "version"), side(baseline, "version"), side(floor, "version"),
		side(b.mdti, "--help"), side(baseline, "--help"), side(floor, "--help"))
	if err != nil {
		return section{}, err
	}
	mv, bv, fv, mh, bh, fh := t[0], t[1], t[2], t[3], t[4], t[5]
	rFloor := mv.med().Seconds() / fv.med().Seconds()
	return section{
		title:  "Start-up",
		target: "`mdti version` median wall time within 1.2× of a Cobra program linking the design's five libraries (bench/fivelibs), built the same way",
		met:    rFloor <= 1.2,
		rows: [][2]string{
			{"mdti version", minMed(mv)},
			{"bare cobra version", minMed(bv)},
			{"five-library cobra version", minMed(fv)},
			{"mdti / five-library floor (version)", ratios(mv, fv)},
			{"mdti / bare cobra (version)", ratios(mv, bv)},
			{"mdti --help", minMed(mh)},
			{"bare cobra --help", minMed(bh)},
			{"five-library cobra --help", minMed(fh)},
			{"mdti / five-library floor (--help)", ratios(mh, fh)},
		},
		notes: fmt.Sprintf("%d interleaved rounds; the floors are bench/mincobra and bench/fivelibs (Cobra plus viper, MSAL, gojq, YAML and go-pretty, linked and initialised), built by the same `go build -trimpath -ldflags '-s -w'`. "+
			"Binaries: mdti %s, bare %s, five-library %s. mdti's own packages do little before a command runs (regexps compile on first use, "+
			"config, keyring, MSAL, the TLS root pool and the network are reached lazily) except the emulator's (internal/emulator and its secops data, about 0.4 ms of init: making them lazy is the next step); "+
			"what remains above the floor is loading the larger binary, the other libraries' initialisation, and building the command tree (about 0.2 ms: BenchmarkNewRoot in cmd).\n\n%s",
			rounds, fileSize(b.mdti), fileSize(baseline), fileSize(floor), initNote(b.mdti, floor)),
	}, nil
}

func (b *bench) runBinary(bin string, args ...string) (time.Duration, error) {
	r := &bench{mdti: bin}
	res, err := r.runMDTI("http://127.0.0.1:1", "", args...)
	if err != nil {
		return 0, err
	}
	if res.exit != 0 {
		return 0, fmt.Errorf("%s %v exited %d: %s", bin, args, res.exit, res.stderr)
	}
	return res.wall, nil
}

func fileSize(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.1f MiB", float64(st.Size())/(1<<20))
}
