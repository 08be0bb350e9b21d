// Package ports implements `mdti ports`.
package ports

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti ports`.
type Options struct {
	shared.Deps
	Args              []string
	ExpandCertificate bool
}

// NewCmdPorts lists the open ports of hosts (hosts/{id}/ports).
func NewCmdPorts(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "ports <host>...",
		Short: "list the ports scanned on hosts: status, services, banners and certificates",
		Long: `List the ports MDTI's scanners observed on hosts: port, protocol, status (open,
filtered, closed), how often it was seen, the services (components) detected on it,
its banners and the most recent SSL certificate.

Reads GET /security/threatIntelligence/hosts/{id}/ports, page by page: --limit N
records per host (default 100), --all for every page. --expand-certificate adds
$expand=mostRecentSslCertificate so each port carries the whole certificate (subject,
issuer, fingerprint) instead of its id. Each record gets "query", the HOST it answers.`,
		Example: `  mdti ports 8.8.8.8
  mdti ports 203.0.113.10 --expand-certificate -o json
  mdti ports 8.8.8.8 --jq '.[] | select(.status == "open") | .port'
  mdti ports 8.8.8.8 203.0.113.10 -o jsonl --all`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return portsRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.ExpandCertificate, "expand-certificate", false, "include each port's most recent SSL certificate ($expand=mostRecentSslCertificate)")
	return c
}

func portsRun(ctx context.Context, opts *Options) error {
	var o cmdutil.OData
	if opts.ExpandCertificate {
		o.Expand = "mostRecentSslCertificate"
	}
	q := o.Values()
	return opts.PrintHostCollections(ctx, opts.Args, View, func(in lookup.Input) lookup.Collection {
		return opts.Collection(graph.TIPath("hosts", in.Key, "ports"), q)
	})
}
