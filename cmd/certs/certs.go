// Package certs implements `mdti certs` (the certificates seen on hosts) and
// `mdti certs search`.
package certs

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti certs`.
type Options struct {
	shared.Deps
	Args    []string
	OrderBy string
}

// NewCmdCerts lists the SSL certificates seen on hosts (hosts/{id}/sslCertificates).
func NewCmdCerts(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "certs <host>...",
		Short: "list the SSL certificates seen on hosts, or search certificates",
		Long: `List the SSL/TLS certificates observed on hosts: which certificate, on which ports,
first and last seen. Pivot with mdti cert ID (the certificate itself) and
mdti cert ID --hosts (every host that presented it).

Reads GET /security/threatIntelligence/hosts/{id}/sslCertificates, page by page:
--limit N records per host (default 100), --all for every page. --orderby passes an
OData $orderby through (Graph documents firstSeenDateTime and lastSeenDateTime). Each
record gets "query", the HOST it answers.

mdti certs search QUERY searches every certificate MDTI knows: see its --help.`,
		Example: `  mdti certs contoso.com
  mdti certs 8.8.8.8 --orderby 'lastSeenDateTime desc' -o json
  mdti certs contoso.com --jq '.[].sslCertificate.id' -o json | xargs mdti cert
  mdti certs search 'subject/commonName:microsoft.com'`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return certsRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.OrderBy, "orderby", "", "OData $orderby, e.g. 'lastSeenDateTime desc'")
	c.AddCommand(NewCmdSearch(f, nil))
	return c
}

func certsRun(ctx context.Context, opts *Options) error {
	q := cmdutil.OData{OrderBy: opts.OrderBy}.Values()
	return opts.PrintHostCollections(ctx, opts.Args, View, func(in lookup.Input) lookup.Collection {
		return opts.Collection(graph.TIPath("hosts", in.Key, "sslCertificates"), q)
	})
}
