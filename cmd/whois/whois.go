// Package whois implements `mdti whois` (a host's current WHOIS record or its history) and
// `mdti whois search`.
package whois

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/timerange"
)

// Options are the inputs of `mdti whois`.
type Options struct {
	shared.Deps
	Now  func() time.Time
	Args []string

	History      bool
	Since, Until string
}

// NewCmdWhois shows WHOIS records (hosts/{id}/whois, hosts/{id}/whois/history).
func NewCmdWhois(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "whois <host>...",
		Short: "show the WHOIS record of hosts, its history, or search WHOIS records",
		Long: `Show the current WHOIS record of hosts: registrar, registrant and other contacts,
registration, expiry and update dates, name servers, status and the raw WHOIS text
(json keeps every field; the table shows a summary).

Reads GET /security/threatIntelligence/hosts/{id}/whois (one record per host). With
--history it reads GET /security/threatIntelligence/hosts/{id}/whois/history instead,
page by page (--limit N per host, default 100; --all for every page): the earlier
versions of the record, to see when a domain changed hands or name servers.

--since and --until (with --history: a date 2024-01-31, an RFC 3339 time, or a
duration back from now such as 30d, 12h, 2w, 1y) keep the versions seen in that window:
last seen at or after --since, first seen at or before --until. Graph documents no
$filter for WHOIS history, so mdti applies them to the records as they stream in.
Each record gets "query", the HOST it answers.

mdti whois search QUERY finds the domains whose WHOIS records share a contact, a
registrar or a name server: see its --help.`,
		Example: `  mdti whois contoso.com
  mdti whois contoso.com fake-malicious.site -o json
  mdti whois contoso.com --history
  mdti whois contoso.com --history --since 2y -o jsonl
  mdti whois search 'admin/email:domains@microsoft.com'`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if !opts.History && (opts.Since != "" || opts.Until != "") {
				return cmdutil.FlagErrorf("--since and --until need --history")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return whoisRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.History, "history", false, "list the earlier versions of the record (whois/history)")
	fl.StringVar(&opts.Since, "since", "", "with --history: versions last seen at or after `TIME` (2024-01-31, RFC 3339, or 30d, 12h); applied by mdti")
	fl.StringVar(&opts.Until, "until", "", "with --history: versions first seen at or before `TIME`; applied by mdti")
	c.AddCommand(NewCmdSearch(f, nil))
	return c
}

func whoisRun(ctx context.Context, opts *Options) error {
	if !opts.History {
		return opts.PrintHostEntities(ctx, opts.Args, View, func(in lookup.Input) string {
			return graph.TIPath("hosts", in.Key, "whois")
		}, nil)
	}
	window, err := timerange.New(opts.Since, opts.Until, opts.Now())
	if err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	return opts.PrintHostCollections(ctx, opts.Args, HistoryView, func(in lookup.Input) lookup.Collection {
		c := opts.Collection(graph.TIPath("hosts", in.Key, "whois", "history"), nil)
		if !window.IsZero() {
			c.Keep = window.Keep
		}
		return c
	})
}
