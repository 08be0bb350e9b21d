package hunt

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mdti-cli/mdti/internal/enrich"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/render"
)

// huntHosts finds the hosts, IP addresses and URL hosts in a result's cells, leaving out
// what policy says must not leave the tenant (enrich.HostsFromHunt).
func huntHosts(res *graph.HuntingResults, opts *Options, ownDomains []string) (enrich.HuntHosts, error) {
	policy, err := sendPolicy(ownDomains, opts.SkipDomains)
	if err != nil {
		return enrich.HuntHosts{}, err
	}
	schema := make([]enrich.HuntColumn, len(res.Schema))
	for i, c := range res.Schema {
		schema[i] = enrich.HuntColumn{Name: c.Name, Type: c.Type}
	}
	rows := make([]map[string]any, 0, len(res.Results))
	for _, raw := range res.Results {
		var row map[string]any
		if err := json.Unmarshal(raw, &row); err != nil {
			return enrich.HuntHosts{}, fmt.Errorf("read hunting result row: %w", err)
		}
		rows = append(rows, row)
	}
	return enrich.HostsFromHunt(schema, rows, policy), nil
}

// writeHosts prints the hosts for the next command of a pipeline: one per line for the
// table format (what `mdti reputation` reads on stdin), a JSON array of strings for json,
// one JSON string per line for jsonl, a YAML list for yaml, and a one-column CSV with a
// "host" header for csv.
func writeHosts(w io.Writer, format render.Format, hosts []string) error {
	switch format {
	case render.JSON:
		b, err := json.MarshalIndent(nonNil(hosts), "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case render.JSONL:
		for _, h := range hosts {
			b, _ := json.Marshal(h)
			if _, err := fmt.Fprintf(w, "%s\n", b); err != nil {
				return err
			}
		}
		return nil
	case render.YAML:
		b, err := yaml.Marshal(nonNil(hosts))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case render.CSV:
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"host"})
		for _, h := range hosts {
			_ = cw.Write([]string{h})
		}
		cw.Flush()
		return cw.Error()
	}
	for _, h := range hosts {
		if _, err := fmt.Fprintln(w, h); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// skippedNote tells a person at a terminal what was left out and why, by reason:
// "left out 3 hosts never sent to threat intelligence: 2 private, 1 own-domain".
func skippedNote(skipped []enrich.SkippedHost) string {
	if len(skipped) == 0 {
		return ""
	}
	counts := map[string]int{}
	for _, s := range skipped {
		counts[string(s.Reason)]++
	}
	reasons := make([]string, 0, len(counts))
	for r := range counts {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if counts[reasons[i]] != counts[reasons[j]] {
			return counts[reasons[i]] > counts[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", counts[r], r)
	}
	noun := "hosts"
	if len(skipped) == 1 {
		noun = "host"
	}
	return fmt.Sprintf("left out %d %s never sent to threat intelligence: %s", len(skipped), noun, strings.Join(parts, ", "))
}
