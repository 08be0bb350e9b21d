// Package cert implements `mdti cert`: one SSL certificate, or the hosts that presented it.
package cert

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti cert`.
type Options struct {
	shared.Deps
	Args  []string
	Hosts bool
}

// NewCmdCert shows SSL certificates by id (sslCertificates/{id}) or their related hosts.
func NewCmdCert(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "cert <id>...",
		Short: "show SSL certificates by id, or the hosts that presented them",
		Long: `Show SSL certificates by their MDTI id: subject, issuer, validity, serial number,
fingerprint and SHA-1, first and last seen. Ids come from mdti certs HOST (the
sslCertificate.id of each record), mdti certs search, or mdti ports
(mostRecentSslCertificate.id).

Reads GET /security/threatIntelligence/sslCertificates/{id}. With --hosts it reads
GET /security/threatIntelligence/sslCertificates/{id}/relatedHosts instead, page by
page (--limit N per certificate, default 100; --all for every page): every host
(hostname or IP address) where the certificate was seen, a pivot from one server to
the infrastructure that shares its certificate. Each record gets "query", the id it
answers. Ids come from arguments, stdin (one per line) or -i FILE.`,
		Example: `  mdti cert ZmI5NjU1MTUwNWYxZWRiMjRkZDNiMzZmY2ZmZGI3NjU4MzNiODExOA==
  mdti cert ZmI5NjU1MTUwNWYxZWRiMjRkZDNiMzZmY2ZmZGI3NjU4MzNiODExOA== --hosts
  mdti certs contoso.com -o json --jq '.[].sslCertificate.id' | mdti cert -o jsonl
  mdti cert -i cert-ids.txt --hosts --all -o csv`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return certRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.Hosts, "hosts", false, "list the hosts where each certificate was seen (relatedHosts)")
	return c
}

func certRun(ctx context.Context, opts *Options) error {
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "certificate ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	if !opts.Hosts {
		return opts.PrintEntities(ctx, ids, shared.CertView, cmdutil.SingleInput(opts.Args, len(ids)), func(in lookup.Input) string {
			return graph.TIPath("sslCertificates", in.Key)
		}, nil)
	}
	return opts.PrintCollections(ctx, ids, shared.HostView, func(in lookup.Input) lookup.Collection {
		return opts.Collection(graph.TIPath("sslCertificates", in.Key, "relatedHosts"), nil)
	})
}
