package cmdutil

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/render"
)

// HostDataset describes a command that lists one collection of each HOST
// (hosts/{id}/<Relation>) with no flags of its own: cookies, trackers, components,
// subdomains. Their packages differ only in words and views, so they share this one
// constructor.
type HostDataset struct {
	Relation string // Graph relationship under hosts/{id}, e.g. "cookies"
	Short    string
	About    string // what the records are and why they matter; the paging text is added
	Example  string
	View     render.View
}

// HostDatasetOptions are the inputs of a host dataset command.
type HostDatasetOptions struct {
	Factory *Factory
	Args    []string
}

// NewCmdHostDataset builds the command for d.
func NewCmdHostDataset(f *Factory, d HostDataset, runF func(context.Context, *HostDatasetOptions) error) *cobra.Command {
	return &cobra.Command{
		Use:     d.Relation + " <host>...",
		Short:   d.Short,
		Long:    d.About + "\n\n" + fmt.Sprintf(datasetPaging, d.Relation),
		Example: d.Example,
		RunE: func(c *cobra.Command, args []string) error {
			opts := &HostDatasetOptions{Factory: f, Args: args}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return d.run(c.Context(), opts)
		},
	}
}

const datasetPaging = `Reads GET /security/threatIntelligence/hosts/{id}/%s, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`

func (d HostDataset) run(ctx context.Context, opts *HostDatasetOptions) error {
	f := opts.Factory
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	return f.LookupHostCollections(ctx, opts.Args, d.View, func(ctx context.Context, h indicator.Host, emit func([]byte) error) error {
		return Collect(ctx, client, f.CollectionFor(graph.TIPath("hosts", h.Key, d.Relation), nil), emit)
	})
}
