package shared

import (
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
)

// BetaVersion is the only API version that has tiIndicators and securityActions.
const BetaVersion = "beta"

// NewBetaDeps are NewDeps for commands whose entity set exists on beta only
// (docs/reference.md §10): their client calls beta and their settings say beta (so
// --dry-run prints /beta/…), whatever --api-version says. The factory's own client and
// settings are left as they are.
func NewBetaDeps(f *cmdutil.Factory) Deps {
	d := NewDeps(f)
	d.Config = func() (*config.Config, error) {
		cfg, err := f.Config()
		if err != nil {
			return nil, err
		}
		beta := *cfg
		beta.APIVersion = BetaVersion
		return &beta, nil
	}
	d.GraphClient = func() (*graph.Client, error) {
		if f.GraphClientFor == nil { // a test factory that knows one client only
			return f.GraphClient()
		}
		return f.GraphClientFor(BetaVersion)
	}
	return d
}
