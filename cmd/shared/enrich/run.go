package enrich

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/enrich"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
)

// Run reads the evidence, looks the hosts up, prints the verdicts, posts the comments
// (--comment) and applies the gate (--fail-on, --max-score).
func Run(ctx context.Context, opts *Options) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	policy, err := indicator.NewSendPolicy(append(append([]string(nil), cfg.OwnDomains...), opts.SkipDomains...))
	if err != nil {
		return cmdutil.FlagErrorf("--skip-domain: %w", err)
	}
	sets, err := parseDatasets(opts.With)
	if err != nil {
		return err
	}
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, opts.Source.Noun+" ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	view := newView(opts.Source.incidents(), sets)
	// Bad output flags (--fields, --jq, -o) fail before anything is sent.
	printer, format, err := shared.NewPrinter(opts.IO, cfg, opts.Flags, view, false)
	if err != nil {
		return err
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	ev, err := readEvidence(ctx, client, cfg.Concurrency, opts.Source, ids)
	if err != nil {
		return err
	}
	joined := enrich.Join(ev.found, policy)
	run := lookupRun{client: client, concurrency: cfg.Concurrency, progress: opts.progress()}
	found, err := run.lookUp(ctx, joined.Lookup, sets)
	if err != nil {
		return err
	}
	records, err := buildRecords(joined, found)
	if err != nil {
		return err
	}
	gate := shared.NewGate(opts.FailOn, opts.MaxScore)
	for _, h := range joined.Lookup {
		observe(gate, found.reputation[h])
	}
	if err := printRecords(printer, records, format == render.Table && opts.Flags.JQ == ""); err != nil {
		return err
	}
	opts.summarise(ev.incidents, records)
	var commentErr error
	if opts.Comment {
		c := commenter{opts: opts, client: client, apiVersion: cfg.APIVersion}
		commentErr = c.postAll(ctx, ev.incidents, records)
	}
	return gate.Result(opts.IO.ErrOut, commentErr)
}

func buildRecords(j enrich.Joined, v verdicts) ([]enrich.Record, error) {
	records := make([]enrich.Record, 0, len(j.Entries))
	for _, e := range j.Entries {
		r, err := enrich.NewRecord(e, v.reputation[e.Host], v.datasets[e.Host])
		if err != nil {
			return nil, err
		}
		records = append(records, r)
	}
	return records, nil
}

// observe counts a looked-up host in the gate: a host MDTI has no reputation for is
// "unknown" with no score, which no threshold meets.
func observe(g *shared.Gate, rep json.RawMessage) {
	var v struct {
		Classification string   `json:"classification"`
		Score          *float64 `json:"score"`
	}
	if rep != nil {
		_ = json.Unmarshal(rep, &v) // NewRecord already decoded it
	}
	score := 0
	if v.Score != nil {
		score = int(*v.Score)
	}
	g.Observe(v.Classification, score)
}

// printRecords prints the verdicts: evidence order, or malicious first for a table.
func printRecords(p *render.Printer, records []enrich.Record, table bool) error {
	if table {
		records = append([]enrich.Record(nil), records...)
		enrich.SortForTable(records)
	}
	for _, r := range records {
		rec, err := json.Marshal(r)
		if err != nil {
			p.Close()
			return err
		}
		if err := p.Add(rec); err != nil {
			p.Close()
			return err
		}
	}
	return p.Close()
}

// summarise prints one line per incident on a terminal's stderr when there are several.
func (o *Options) summarise(incidents []incident, records []enrich.Record) {
	if len(incidents) < 2 || !o.IO.IsStderrTTY() {
		return
	}
	for _, inc := range incidents {
		fmt.Fprintln(o.IO.ErrOut, enrich.Summary(inc.id, recordsOf(records, inc.id)))
	}
}

func recordsOf(records []enrich.Record, incidentID string) []enrich.Record {
	var out []enrich.Record
	for _, r := range records {
		if r.IncidentID == incidentID {
			out = append(out, r)
		}
	}
	return out
}

// progress draws a bar for many lookups when stderr is a terminal.
func (o *Options) progress() func(int) (lookup.Progress, func()) {
	if !o.IO.IsStderrTTY() {
		return nil
	}
	return func(total int) (lookup.Progress, func()) {
		if total < 2 {
			return nil, func() {}
		}
		bar := lookup.StartProgress(o.IO.ErrOut, total, o.IO.TerminalWidth())
		return bar, bar.Stop
	}
}
