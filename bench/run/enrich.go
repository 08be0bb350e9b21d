package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/graph"
)

// enrichIncident is the emulator's bulk incident: about 300 distinct public hosts.
const enrichIncident = "41300"

// enrich: `incidents enrich` of the 300-indicator incident against its baseline,
// `reputation` of the same hosts plus one incident GET, with 20 ms per request. The runs
// are interleaved (enrich, reputation, GET, enrich, …) so drift on a shared machine hits
// both alike; medians are compared.
func (b *bench) enrich(rounds int) (section, error) {
	// The demo tenant's own domains, as --demo has them: their hosts are not sent.
	b = &bench{mdti: b.mdti, env: []string{"MDTI_OWN_DOMAINS=contoso.com,contoso.onmicrosoft.com"}}
	emu, err := b.startEmulator("--latency", latency.String())
	if err != nil {
		return section{}, err
	}
	defer emu.stop()
	hosts, err := b.enrichHosts(emu.url)
	if err != nil {
		return section{}, err
	}
	client := graph.New(graph.WithEndpoint(emu.url), graph.WithTokenSource(graph.StaticToken("emulator")),
		graph.WithHTTPClient(&http.Client{}))
	var enrichT, repT, getT []time.Duration
	for range rounds {
		res, err := b.runMDTI(emu.url, "", "incidents", "enrich", enrichIncident, "-o", "jsonl", "--concurrency", "4")
		if err != nil || res.exit != 0 {
			return section{}, fmt.Errorf("enrich: exit %d, %v: %s", res.exit, err, res.stderr)
		}
		enrichT = append(enrichT, res.wall)
		res, err = b.runMDTI(emu.url, strings.Join(hosts, "\n")+"\n", "reputation", "-o", "jsonl", "--concurrency", "4")
		if err != nil || res.exit != 0 || res.lines != len(hosts) {
			return section{}, fmt.Errorf("reputation: exit %d, %d records, %v: %s", res.exit, res.lines, err, res.stderr)
		}
		repT = append(repT, res.wall)
		start := time.Now()
		if _, err := client.Get(context.Background(), "/security/incidents/"+enrichIncident+"?$expand=alerts", nil); err != nil {
			return section{}, fmt.Errorf("incident GET: %w", err)
		}
		getT = append(getT, time.Since(start))
	}
	e, r, g := median(enrichT), median(repT), median(getT)
	ratio := e.Seconds() / (r + g).Seconds()
	return section{
		title: "Enrichment",
		target: fmt.Sprintf("`incidents enrich %s` (%d hosts looked up), %s per request: about as long as `reputation` of the same hosts plus one incident GET (within 1.25×)",
			enrichIncident, len(hosts), latency),
		met: ratio <= 1.25,
		rows: [][2]string{
			{"enrich (median)", fmt.Sprintf("%.3f s", e.Seconds())},
			{"reputation of the same hosts (median)", fmt.Sprintf("%.3f s", r.Seconds())},
			{"one incident GET with $expand=alerts (median)", fmt.Sprintf("%.3f s", g.Seconds())},
			{"ratio enrich / (reputation + GET)", fmt.Sprintf("%.2f×", ratio)},
			{"rounds", fmt.Sprint(rounds)},
		},
		notes: "Each round runs enrich, then reputation (its own process, hosts on stdin), then the incident GET (in-process through the Graph client), so both sides share the machine's drift. Both mdti runs use --concurrency 4; the hosts are those enrich sends (the skipped private and own-domain ones left out).",
	}, nil
}

// enrichHosts asks enrich itself, once and untimed, which hosts it looks up.
func (b *bench) enrichHosts(url string) ([]string, error) {
	res, out, err := b.runMDTICapture(url, "incidents", "enrich", enrichIncident, "-o", "jsonl", "--jq", "select(.skipped == null) | .host")
	if err != nil || res.exit != 0 {
		return nil, fmt.Errorf("list the hosts of %s: exit %d, %v: %s", enrichIncident, res.exit, err, res.stderr)
	}
	hosts := strings.Fields(out)
	slices.Sort(hosts)
	hosts = slices.Compact(hosts)
	if len(hosts) < 250 {
		return nil, fmt.Errorf("incident %s: %d hosts, want about 300", enrichIncident, len(hosts))
	}
	return hosts, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
