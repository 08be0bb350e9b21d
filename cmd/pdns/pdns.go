// Package pdns implements `mdti pdns`: passive DNS, forward and reverse.
package pdns

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/timerange"
)

// Options are the inputs of `mdti pdns`.
type Options struct {
	shared.Deps
	Now  func() time.Time
	Args []string

	Reverse      bool
	Type         string
	Since, Until string
	Filter       string
	OrderBy      string
}

// recordTypes are the DNS record types --type accepts: what passive DNS collects, and
// what the completion offers.
var recordTypes = []string{"A", "AAAA", "CAA", "CNAME", "DNAME", "DS", "MX", "NS", "PTR", "SOA", "SPF", "SRV", "TXT"}

// NewCmdPDNS lists passive DNS records (hosts/{id}/passiveDns and passiveDnsReverse).
func NewCmdPDNS(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "pdns <host>...",
		Short: "list passive DNS resolutions of hosts, forward or reverse",
		Long: `List passive DNS: what a host name resolved to (A, AAAA, CNAME, NS, MX… records) or,
with --reverse, which host names resolved to an IP address or name, with when each
resolution was first and last seen.

Reads GET /security/threatIntelligence/hosts/{id}/passiveDns, or with --reverse
.../hosts/{id}/passiveDnsReverse, page by page: --limit N records per host (default
100), --all for every page (histories can hold millions of records; they stream).

--type A|AAAA|CNAME|MX|NS|SOA|TXT|PTR|… is sent as $filter=recordType eq 'A', the
filter Graph documents. --filter and --orderby pass OData through ($orderby on
firstSeenDateTime or lastSeenDateTime); a --filter is joined to --type with "and".

--since and --until (a date 2024-01-31, an RFC 3339 time, or a duration back from now
such as 30d, 12h, 2w, 1y) keep the records active in that window: last seen at or after
--since, first seen at or before --until. Graph documents no time $filter for passive
DNS, so mdti applies them to the records as they stream in: every page is still read.
Each record gets "query", the HOST it answers.`,
		Example: `  mdti pdns contoso.com
  mdti pdns contoso.com --type AAAA -o json
  mdti pdns 20.103.85.33 --reverse
  mdti pdns fake-malicious.site --since 30d --all -o jsonl
  mdti pdns contoso.com --orderby 'lastSeenDateTime desc' --limit 10
  mdti pdns big.pdns.test --limit 2500 -o jsonl    # the demo's million-record host`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if opts.Type != "" {
				opts.Type = strings.ToUpper(opts.Type)
				if !slices.Contains(recordTypes, opts.Type) {
					return cmdutil.FlagErrorf("invalid --type %q: want one of %s", c.Flag("type").Value, strings.Join(recordTypes, ", "))
				}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return pdnsRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.Reverse, "reverse", false, "reverse lookup: the names that resolved to the host (passiveDnsReverse)")
	fl.StringVar(&opts.Type, "type", "", "only records of this `TYPE` (A, AAAA, CNAME, MX, NS, TXT…); sent as $filter")
	fl.StringVar(&opts.Since, "since", "", "records last seen at or after `TIME` (2024-01-31, RFC 3339, or 30d, 12h); applied by mdti")
	fl.StringVar(&opts.Until, "until", "", "records first seen at or before `TIME`; applied by mdti")
	fl.StringVar(&opts.Filter, "filter", "", "OData $filter, e.g. \"recordType eq 'CNAME'\"")
	fl.StringVar(&opts.OrderBy, "orderby", "", "OData $orderby, e.g. 'lastSeenDateTime desc'")
	_ = c.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(recordTypes, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func pdnsRun(ctx context.Context, opts *Options) error {
	window, err := timerange.New(opts.Since, opts.Until, opts.Now())
	if err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	typeFilter := ""
	if opts.Type != "" {
		typeFilter = "recordType eq " + cmdutil.ODataString(opts.Type)
	}
	q := cmdutil.OData{Filter: cmdutil.AndFilters(typeFilter, opts.Filter), OrderBy: opts.OrderBy}.Values()
	rel := "passiveDns"
	if opts.Reverse {
		rel = "passiveDnsReverse"
	}
	opts.Empty = func(query string) string {
		msg := "no passive DNS records for " + query
		if opts.Reverse {
			msg = "no passive DNS records resolve to " + query
		}
		if opts.Since != "" {
			msg += " since " + opts.Since
		}
		return msg
	}
	return opts.PrintHostCollections(ctx, opts.Args, View, func(in lookup.Input) lookup.Collection {
		c := opts.Collection(graph.TIPath("hosts", in.Key, rel), q)
		if !window.IsZero() {
			c.Keep = window.Keep
		}
		return c
	})
}
