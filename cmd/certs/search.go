package certs

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// SearchOptions are the inputs of `mdti certs search`.
type SearchOptions struct {
	shared.Deps
	Query   string
	OrderBy string
}

// NewCmdSearch searches SSL certificates (sslCertificates?$search=).
func NewCmdSearch(f *cmdutil.Factory, runF func(context.Context, *SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "search <query>",
		Short: "search SSL certificates by subject, issuer, serial number or hash",
		Long: `Search every SSL certificate MDTI has seen, by one field.

Reads GET /security/threatIntelligence/sslCertificates?$search="QUERY" (Graph requires
$search here and searches one field at a time), page by page: --limit N records
(default 100), --all for every page. The query is FIELD:VALUE, or a bare value:
  fingerprint:VALUE            the certificate fingerprint, colons optional
  sha1:VALUE                   SHA-1 of the certificate
  serialNumber:VALUE           serial number
  subject/FIELD:VALUE          subject fields: commonName, organizationName,
                               organizationUnitName, email, givenName, surname,
                               serialNumber, alternateName, address/city, address/state…
  issuer/FIELD:VALUE           the same fields of the issuer
Matching is case-insensitive. mdti puts the double quotes of $search around the query.
--orderby passes an OData $orderby through (firstSeenDateTime, lastSeenDateTime).
Then mdti cert ID --hosts lists the hosts that presented a certificate.`,
		Example: `  mdti certs search 'subject/commonName:microsoft.com'
  mdti certs search 'issuer/organizationName:Microsoft Corporation' --all -o jsonl
  mdti certs search 'sha1:fb96551505f1edb24dd3b36fcffdb765833b8118' -o json
  mdti certs search 'fingerprint:fb:96:55:15:05:f1:ed:b2:4d:d3:b3:6f:cf:fd:b7:65:83:3b:81:18'
  mdti certs search 'subject/alternateName:pymes.microsoft.com' --orderby 'lastSeenDateTime desc'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("give one QUERY (quote it), e.g. %s", `mdti certs search 'subject/commonName:microsoft.com'`)
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Query = args[0]
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return searchRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.OrderBy, "orderby", "", "OData $orderby, e.g. 'lastSeenDateTime desc'")
	return c
}

func searchRun(ctx context.Context, opts *SearchOptions) error {
	lit, err := cmdutil.SearchLiteral("certs search", opts.Query)
	if err != nil {
		return err
	}
	q := cmdutil.OData{Search: lit, OrderBy: opts.OrderBy}.Values()
	opts.Empty = func(string) string { return fmt.Sprintf("no certificates match %q", opts.Query) }
	return opts.List(ctx, shared.CertListView, opts.Collection(graph.TIPath("sslCertificates"), q))
}
