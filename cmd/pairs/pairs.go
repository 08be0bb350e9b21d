// Package pairs implements `mdti pairs`: host pairs (redirects, iframes, scripts…).
package pairs

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

// Options are the inputs of `mdti pairs`.
type Options struct {
	shared.Deps
	Now  func() time.Time
	Args []string

	Direction    string
	Since, Until string
	Filter       string
	OrderBy      string
}

// relations maps --direction to the host relationship it reads.
var relations = map[string]string{"all": "hostPairs", "parent": "parentHostPairs", "child": "childHostPairs"}

// NewCmdPairs lists host pairs (hostPairs, parentHostPairs, childHostPairs).
func NewCmdPairs(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "pairs <host>...",
		Short: "list host pairs: redirects, iframes and scripts linking hosts to each other",
		Long: `List host pairs: two hosts linked when MDTI's crawlers followed one to the other (a
redirect, a final redirect, an iframe, a script or image source…), with the link kind
and when it was first and last seen.

--direction picks the relationship read under GET /security/threatIntelligence/hosts/{id}:
  all     hostPairs: pairs where the host is the parent or the child (default)
  parent  parentHostPairs: pairs where the host is the child, i.e. its parents
  child   childHostPairs: pairs where the host is the parent, i.e. its children

--since and --until (a date 2024-01-31, an RFC 3339 time, or a duration back from now
such as 30d, 12h, 2w, 1y) keep the pairs active in that window. They are sent to Graph as
$filter: "lastSeenDateTime ge SINCE" and "firstSeenDateTime le UNTIL". --filter and
--orderby pass OData through ($filter on any hostPair property, plus parentHost/id and
childHost/id; $orderby on firstSeenDateTime or lastSeenDateTime); a --filter is joined
to the time filter with "and". Page by page: --limit N per host (default 100), --all
for every page. Each record gets "query", the HOST it answers.`,
		Example: `  mdti pairs contoso.com
  mdti pairs contoso.com --direction child --since 90d
  mdti pairs login.fake-malicious.site --direction parent -o json
  mdti pairs contoso.com --filter "linkKind eq 'redirect'" --orderby 'lastSeenDateTime desc'
  mdti pairs contoso.com --since 2023-01-01 --until 2023-06-30 --all -o csv`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if _, ok := relations[opts.Direction]; !ok {
				return cmdutil.FlagErrorf("invalid --direction %q: want all, parent or child", opts.Direction)
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return pairsRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Direction, "direction", "all", "which pairs: all, parent (the host's parents) or child (its children)")
	fl.StringVar(&opts.Since, "since", "", "pairs last seen at or after `TIME` (2024-01-31, RFC 3339, or 30d, 12h); sent as $filter")
	fl.StringVar(&opts.Until, "until", "", "pairs first seen at or before `TIME`; sent as $filter")
	fl.StringVar(&opts.Filter, "filter", "", "OData $filter, e.g. \"linkKind eq 'redirect'\"")
	fl.StringVar(&opts.OrderBy, "orderby", "", "OData $orderby, e.g. 'lastSeenDateTime desc'")
	_ = c.RegisterFlagCompletionFunc("direction", cobra.FixedCompletions([]string{"all", "parent", "child"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func pairsRun(ctx context.Context, opts *Options) error {
	window, err := timerange.New(opts.Since, opts.Until, opts.Now())
	if err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	q := cmdutil.OData{Filter: cmdutil.AndFilters(window.Filter(), opts.Filter), OrderBy: opts.OrderBy}.Values()
	rel := relations[opts.Direction]
	return opts.PrintHostCollections(ctx, opts.Args, View, func(in lookup.Input) lookup.Collection {
		return opts.Collection(graph.TIPath("hosts", in.Key, rel), q)
	})
}
