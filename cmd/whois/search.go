package whois

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// SearchOptions are the inputs of `mdti whois search`.
type SearchOptions struct {
	shared.Deps
	Query   string
	OrderBy string
}

// NewCmdSearch searches WHOIS records (whoisRecords?$search=).
func NewCmdSearch(f *cmdutil.Factory, runF func(context.Context, *SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "search <query>",
		Short: "search WHOIS records by contact, registrar or name server",
		Long: `Search every current WHOIS record MDTI knows, by one field: find the other domains
registered with the same email, organisation, phone number or name server.

Reads GET /security/threatIntelligence/whoisRecords?$search="QUERY" (Graph requires
$search here and searches one field at a time), page by page: --limit N records
(default 100), --all for every page. The query is FIELD/SUBFIELD:VALUE, where FIELD
is a contact (abuse, admin, billing, noc, registrant, registrar, technical, zone) or
nameservers, and SUBFIELD a contact property (email, name, organization, telephone,
fax, address/city, address/state, address/countryOrRegion, address/postalCode,
address/street); a bare FIELD:VALUE matches any of its properties. Matching is
case-insensitive and whole-value. mdti puts the double quotes of $search around the
query. --orderby passes an OData $orderby through (expirationDateTime, host/id,
registrationDateTime).`,
		Example: `  mdti whois search 'admin/email:domains@microsoft.com'
  mdti whois search 'registrant/organization:Microsoft Corporation' --all -o jsonl
  mdti whois search 'admin/address/state:WA' --orderby 'registrationDateTime desc'
  mdti whois search 'registrar:MarkMonitor Inc.' -o csv
  mdti whois search 'nameservers:ns1-205.azure-dns.com' --jq '.[].host.id'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("give one QUERY (quote it), e.g. %s", `mdti whois search 'admin/email:abuse@contoso.com'`)
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
	c.Flags().StringVar(&opts.OrderBy, "orderby", "", "OData $orderby, e.g. 'registrationDateTime desc'")
	return c
}

func searchRun(ctx context.Context, opts *SearchOptions) error {
	lit, err := cmdutil.SearchLiteral("whois search", opts.Query)
	if err != nil {
		return err
	}
	q := cmdutil.OData{Search: lit, OrderBy: opts.OrderBy}.Values()
	opts.Empty = func(string) string { return fmt.Sprintf("no WHOIS records match %q", opts.Query) }
	return opts.List(ctx, SearchView, opts.Collection(graph.TIPath("whoisRecords"), q))
}
