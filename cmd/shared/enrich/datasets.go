package enrich

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// dataset is one --with name: a single entity of the host (batched like the reputation)
// or a collection, summarised from its first page.
type dataset struct {
	name     string
	relation string // under hosts/{id}; "" is the host itself
	entity   bool
}

// datasets are the --with names in the order help lists them.
var datasets = []dataset{
	{name: "host", entity: true},
	{name: "whois", relation: "whois", entity: true},
	{name: "pdns", relation: "passiveDns"},
	{name: "subdomains", relation: "subdomains"},
	{name: "pairs", relation: "hostPairs"},
	{name: "certs", relation: "sslCertificates"},
	{name: "ports", relation: "ports"},
	{name: "components", relation: "components"},
	{name: "trackers", relation: "trackers"},
	{name: "cookies", relation: "cookies"},
}

// collectionTop is how many records of a collection dataset are read: one page, never
// more, however many the host has. The count comes from $count=true when Graph sends it.
const collectionTop = 10

func datasetNames() string {
	names := make([]string, len(datasets))
	for i, d := range datasets {
		names[i] = d.name
	}
	return strings.Join(names, ", ")
}

func completeDatasets(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return strings.Split(datasetNames(), ", "), cobra.ShellCompDirectiveNoFileComp
}

// parseDatasets reads --with: names in any case, duplicates once, unknown names refused
// with the list of valid ones (exit 2) before anything is sent.
func parseDatasets(with []string) ([]dataset, error) {
	var out []dataset
	seen := map[string]bool{}
	for _, w := range with {
		name := strings.ToLower(strings.TrimSpace(w))
		if name == "" || seen[name] {
			continue
		}
		d, ok := findDataset(name)
		if !ok {
			return nil, cmdutil.FlagErrorf("invalid --with %q: valid datasets are %s", w, datasetNames())
		}
		seen[name] = true
		out = append(out, d)
	}
	return out, nil
}

func findDataset(name string) (dataset, bool) {
	for _, d := range datasets {
		if d.name == name {
			return d, true
		}
	}
	return dataset{}, false
}

func (d dataset) path(host string) string {
	if d.relation == "" {
		return graph.TIPath("hosts", host)
	}
	return graph.TIPath("hosts", host, d.relation)
}

// engine looks the dataset up for many hosts: entities as JSON batches, collections one
// host per worker, first page only.
func (d dataset) engine(client *graph.Client, concurrency int) *lookup.Engine {
	eng := &lookup.Engine{Client: client, Concurrency: concurrency}
	if d.entity {
		eng.Entity = func(in lookup.Input) string { return d.path(in.Key) }
		return eng
	}
	eng.Fetch = func(ctx context.Context, in lookup.Input, emit func([]byte) error) error {
		summary, err := firstPageSummary(ctx, client, d.path(in.Key))
		if err != nil {
			return err
		}
		return emit(summary)
	}
	return eng
}

// collectionSummary is what a record carries of a collection dataset.
type collectionSummary struct {
	// Count is @odata.count when Graph sent it, else the records on the first page.
	Count int64 `json:"count"`
	// MostRecent is the latest lastSeenDateTime (or firstSeenDateTime) on the first page.
	MostRecent *string `json:"mostRecent"`
}

// firstPageSummary reads one page of $top=collectionTop and summarises it.
func firstPageSummary(ctx context.Context, client *graph.Client, path string) ([]byte, error) {
	q := url.Values{"$top": {strconv.Itoa(collectionTop)}, "$count": {"true"}}
	for page, err := range client.Pages(ctx, path, q, graph.MaxPages(1)) {
		if err != nil {
			return nil, err
		}
		return summarise(page)
	}
	return summarise(&graph.Page{})
}

func summarise(page *graph.Page) ([]byte, error) {
	s := collectionSummary{Count: int64(len(page.Items))}
	if page.Count != nil {
		s.Count = *page.Count
	}
	var latest time.Time
	for _, item := range page.Items {
		var rec struct {
			Last  string `json:"lastSeenDateTime"`
			First string `json:"firstSeenDateTime"`
		}
		if err := json.Unmarshal(item, &rec); err != nil {
			return nil, fmt.Errorf("decode record: %w", err)
		}
		seen := rec.Last
		if seen == "" {
			seen = rec.First
		}
		t, err := time.Parse(time.RFC3339Nano, seen)
		if err == nil && t.After(latest) {
			latest, s.MostRecent = t, &seen
		}
	}
	return json.Marshal(s)
}
