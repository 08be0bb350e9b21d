package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
)

// initCosts runs bin with GODEBUG=inittrace=1 and averages each package's init time (ms)
// over runs, to show where start-up time goes.
func initCosts(bin string, runs int, args ...string) (map[string]float64, float64, error) {
	per := map[string]float64{}
	var total float64
	for range runs {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return nil, 0, fmt.Errorf("inittrace %s: %w", bin, err)
		}
		for _, line := range strings.Split(stderr.String(), "\n") {
			f := strings.Fields(line)
			if len(f) < 5 || f[0] != "init" {
				continue
			}
			ms, err := strconv.ParseFloat(f[4], 64)
			if err != nil {
				continue
			}
			per[f[1]] += ms / float64(runs)
			total += ms / float64(runs)
		}
	}
	return per, total, nil
}

// initNote says how much of mdti's start-up is package initialisation, and whose.
func initNote(mdti, baseline string) string {
	per, total, err := initCosts(mdti, 20, "version")
	if err != nil {
		return err.Error()
	}
	_, baseTotal, err := initCosts(baseline, 20, "version")
	if err != nil {
		return err.Error()
	}
	type cost struct {
		pkg string
		ms  float64
	}
	var costs []cost
	for p, ms := range per {
		costs = append(costs, cost{p, ms})
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].ms > costs[j].ms })
	var own float64
	var ownPkgs []string
	for _, c := range costs {
		if strings.HasPrefix(c.pkg, "github.com/mdti-cli/mdti/") {
			own += c.ms
			ownPkgs = append(ownPkgs, strings.TrimPrefix(c.pkg, "github.com/mdti-cli/mdti/"))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Package initialisation (GODEBUG=inittrace=1, mean of 20 runs): mdti %.2f ms, the five-library floor %.2f ms. "+
		"mdti's own packages that still run init code: %d, %.3f ms in all (largest first: %s). The largest in mdti:\n\n| package | init ms |\n|---|---|\n",
		total, baseTotal, len(ownPkgs), own, strings.Join(ownPkgs[:min(8, len(ownPkgs))], ", "))
	for _, c := range costs[:min(8, len(costs))] {
		fmt.Fprintf(&b, "| %s | %.3f |\n", c.pkg, c.ms)
	}
	return b.String()
}
