package shared

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
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

// NewCmdHostDataset builds the command for d. It has no flags of its own, so no test
// hook: its stories cover it.
func NewCmdHostDataset(f *cmdutil.Factory, d HostDataset) *cobra.Command {
	deps := NewDeps(f)
	return &cobra.Command{
		Use:     d.Relation + " <host>...",
		Short:   d.Short,
		Long:    d.About + "\n\n" + fmt.Sprintf(datasetPaging, d.Relation),
		Example: d.Example,
		RunE: func(c *cobra.Command, args []string) error {
			return d.run(c.Context(), deps, args)
		},
	}
}

const datasetPaging = `Reads GET /security/threatIntelligence/hosts/{id}/%s, page by page: --limit N
records per host (default 100), --all for every page. Each record gets "query", the
HOST it answers. HOSTs are host names, IP addresses or URLs, defanged forms accepted;
with no argument and a pipe on stdin they are read one per line.`

func (d HostDataset) run(ctx context.Context, deps Deps, args []string) error {
	deps.Empty = func(query string) string { return fmt.Sprintf("no %s observed for %s", d.Relation, query) }
	return deps.PrintHostCollections(ctx, args, d.View, func(in lookup.Input) lookup.Collection {
		return deps.Collection(graph.TIPath("hosts", in.Key, d.Relation), nil)
	})
}
