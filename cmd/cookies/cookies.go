// Package cookies implements `mdti cookies`.
package cookies

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// Options are the inputs of `mdti cookies`.
type Options struct {
	Factory *cmdutil.Factory
	Args    []string
}

// NewCmdCookies lists the cookies of hosts (hosts/{id}/cookies).
func NewCmdCookies(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "cookies <host>...",
		Short: "list the cookies seen on hosts: name, domain, first and last seen",
		Long: `List the cookies MDTI's crawlers saw hosts set: the cookie name, the domain it applies
to, and when it was first and last seen. Cookies shared by several hosts tie them to the
same operator or kit.

Reads GET /security/threatIntelligence/hosts/{id}/cookies, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`,
		Example: `  mdti cookies contoso.com
  mdti cookies fake-malicious[.]site www.contoso.com -o jsonl
  mdti cookies contoso.com --all -o csv > cookies.csv
  mdti cookies contoso.com --jq '.[].name'`,
		RunE: func(c *cobra.Command, args []string) error {
			opts := &Options{Factory: f, Args: args}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return run(c.Context(), opts)
		},
	}
}

func run(ctx context.Context, opts *Options) error {
	f := opts.Factory
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	return f.LookupHostCollections(ctx, opts.Args, View, func(ctx context.Context, h indicator.Host, emit func([]byte) error) error {
		return cmdutil.Collect(ctx, client, f.CollectionFor(graph.TIPath("hosts", h.Key, "cookies"), nil), emit)
	})
}
