// Package hunt implements `mdti hunt`: advanced hunting with KQL through Graph's
// runHuntingQuery (docs/reference.md §8), and the hosts it finds for threat intelligence
// (§9).
package hunt

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/render"
)

// Permission is the least Graph permission runHuntingQuery needs.
const Permission = "ThreatHunting.Read.All"

// Options are the inputs of `mdti hunt`.
type Options struct {
	shared.Deps
	Args         []string
	File         string   // -f: the query from a file, - for stdin
	Timespan     string   // --timespan as given
	OutputSchema bool     // print the schema instead of the rows
	Indicators   bool     // print the hosts found instead of the rows
	SkipDomains  []string // --skip-domain: own domains besides config own_domains

	timespan string // --timespan as sent
}

// NewCmdHunt runs an advanced-hunting query.
func NewCmdHunt(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "hunt [QUERY | -]",
		Short: "run an advanced hunting query in KQL across Defender's tables",
		Long: `Run an advanced hunting query (KQL) over Microsoft Defender XDR's tables with Graph's
runHuntingQuery. The query comes from the argument, from -f FILE, or from stdin ("-", or
no argument with stdin piped).

--timespan limits the data searched (Graph's default is 30 days): an ISO 8601 duration
(P7D, PT12H), a date or time (2024-02-01T08:00:00Z, from then to now), or an interval
start/end, duration/end or start/duration (2024-02-01T08:00:00Z/P30D); 7d, 12h and 2w are
sent as P7D, PT12H and P2W. v1.0 sends {"Query", "Timespan"}, beta {"query", "timespan"}.

The table's columns are the result's schema, in order; times show as RFC 3339 (to the
second on a terminal), dynamic values as compact JSON. -o json prints the rows as an array
of objects, jsonl one row per line, csv a header from the schema; --output-schema prints
the schema (name, type) instead of the rows. --limit and --all do not apply: use take in
the query.

--indicators prints the distinct host names, IP addresses and URL hosts found in the
result's address columns (RemoteIP, RemoteUrl, Url, UrlDomain, SenderFromDomain…), one
per line, ready for mdti reputation. Private, loopback and reserved addresses and the
tenant's own domains (--skip-domain, config own_domains) are left out: an internal host
name should not leave the tenant. -o json prints them as a JSON array of strings.

A query Graph cannot run exits 1 with Graph's KQL error quoted. A heavy query may fail
with 500/504 UnknownError or time out; mdti retries it like any read, then suggests
narrowing it. --timeout bounds each attempt (30s by default): raise it for a slow query.

Graph's hunting pages describe no flag for a result cut short by its row or time limits,
so mdti cannot tell when that happened: keep results small with take or summarize. When
Graph answers 206 Partial Content with a Warning header (the Security API's way of saying
a data provider failed or timed out), mdti says so on stderr.

Needs the ThreatHunting.Read.All permission.`,
		Example: `  mdti --demo hunt 'DeviceNetworkEvents | take 5'
  mdti --demo hunt 'EmailEvents | summarize count() by SenderFromDomain' --timespan P7D
  mdti --demo hunt 'DeviceInfo | take 3' -o json
  mdti --demo hunt 'DeviceNetworkEvents | take 1' --output-schema
  echo 'EmailUrlInfo | take 10' | mdti --demo hunt -o csv
  printf 'DeviceInfo\n| take 3\n' > q.kql && mdti --demo hunt -f q.kql --timespan PT12H
  mdti --demo hunt "EmailUrlInfo | where UrlDomain has 'site'" --indicators | mdti --demo reputation --fail-on malicious`,
		Args:        cobra.MaximumNArgs(1),
		Annotations: map[string]string{cmdutil.PermissionAnnotation: Permission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return huntRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&opts.File, "file", "f", "", "read the query from `FILE` (- for stdin)")
	fl.StringVar(&opts.Timespan, "timespan", "", "search `T`: P7D, PT12H, a start time, or start/end (default 30 days)")
	fl.BoolVar(&opts.OutputSchema, "output-schema", false, "print the result's schema (column names and types) instead of its rows")
	fl.BoolVar(&opts.Indicators, "indicators", false, "print the hosts, IPs and URL hosts found, one per line, for mdti reputation")
	fl.StringArrayVar(&opts.SkipDomains, "skip-domain", nil, "with --indicators, leave out hosts under `DOMAIN` too (repeatable; config own_domains)")
	_ = c.RegisterFlagCompletionFunc("timespan", cobra.FixedCompletions([]string{"PT1H", "P1D", "P7D", "P30D"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.MarkFlagFilename("file", "kql", "txt")
	return c
}

func (o *Options) validate() error {
	ts, err := normalizeTimespan(o.Timespan)
	if err != nil {
		return cmdutil.FlagErrorf("invalid --timespan: %w", err)
	}
	o.timespan = ts
	switch {
	case o.OutputSchema && o.Indicators:
		return cmdutil.FlagErrorf("--output-schema and --indicators print different things: choose one")
	case len(o.SkipDomains) > 0 && !o.Indicators:
		return cmdutil.FlagErrorf("--skip-domain only applies with --indicators")
	case o.Indicators && (o.Flags.Fields != nil || o.Flags.JQ != ""):
		return cmdutil.FlagErrorf("--fields and --jq apply to rows, not to --indicators")
	}
	if _, err := sendPolicy(nil, o.SkipDomains); err != nil {
		return err
	}
	return nil
}

// sendPolicy joins config own_domains and --skip-domain.
func sendPolicy(ownDomains, skipDomains []string) (indicator.SendPolicy, error) {
	p, err := indicator.NewSendPolicy(append(append([]string(nil), ownDomains...), skipDomains...))
	if err != nil {
		return p, cmdutil.FlagErrorf("invalid --skip-domain: %w", err)
	}
	return p, nil
}

func huntRun(ctx context.Context, opts *Options) error {
	query, err := readQuery(opts.IO, opts.Args, opts.File)
	if err != nil {
		return err
	}
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	format, err := render.ParseFormat(cfg.Output)
	if err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	if !opts.Indicators {
		// A bad --fields or --jq is a usage error before anything is sent: the printer
		// checks them when built, and writes nothing until its first record.
		if _, _, err := shared.NewPrinter(opts.IO, cfg, opts.Flags, render.View{}, false); err != nil {
			return err
		}
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	res, err := client.RunHuntingQuery(ctx, query, opts.timespan)
	if err != nil {
		return huntError(err)
	}
	if note := partialNote(res); note != "" {
		fmt.Fprintln(opts.IO.ErrOut, note)
	}
	switch {
	case opts.Indicators:
		found, err := huntHosts(res, opts, cfg.OwnDomains)
		if err != nil {
			return err
		}
		if note := skippedNote(found.Skipped); note != "" && opts.IO.IsStderrTTY() {
			fmt.Fprintln(opts.IO.ErrOut, note)
		}
		return writeHosts(opts.IO.Out, format, found.Hosts)
	case opts.OutputSchema:
		return printRecords(opts, cfg, schemaView, schemaRecords(res.Schema))
	}
	if len(res.Results) == 0 && opts.IO.IsStderrTTY() && format == render.Table {
		fmt.Fprintln(opts.IO.ErrOut, "no rows")
	}
	return printRecords(opts, cfg, rowsView(schemaOf(res), opts.IO.IsStdoutTTY()), res.Results)
}

func schemaRecords(schema []graph.HuntingColumn) []json.RawMessage {
	recs := make([]json.RawMessage, len(schema))
	for i, c := range schema {
		recs[i], _ = json.Marshal(c) // two strings: cannot fail
	}
	return recs
}

func printRecords(opts *Options, cfg *config.Config, view render.View, recs []json.RawMessage) error {
	p, _, err := shared.NewPrinter(opts.IO, cfg, opts.Flags, view, false)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := p.Add(r); err != nil {
			p.Close()
			return fmt.Errorf("print hunting results: %w", err)
		}
	}
	return p.Close()
}
