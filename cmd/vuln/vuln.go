// Package vuln implements `mdti vuln`: vulnerabilities by CVE id.
package vuln

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti vuln`.
type Options struct {
	shared.Deps
	Args       []string
	Components bool
	Articles   bool
}

// NewCmdVuln shows vulnerabilities (vulnerabilities/{id}) or their components or articles.
func NewCmdVuln(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "vuln <cve>...",
		Short: "show vulnerabilities by CVE id, their affected components or related articles",
		Long: `Show what MDTI knows about vulnerabilities: severity, CVSS v2 and v3 scores, Microsoft's
priority score, whether exploits are available or actively used, chatter, CWE ids,
description, remediation, exploits and references.

Reads GET /security/threatIntelligence/vulnerabilities/{id} for each CVE id
(CVE-2021-44228; any case). With --components it reads .../vulnerabilities/{id}/components
instead (the products and versions affected), with --articles .../vulnerabilities/{id}/articles
(MDTI articles about it; a relationship without its own API page), page by page:
--limit N per CVE (default 100), --all for every page. CVE ids come from arguments,
stdin (one per line) or -i FILE; each record gets "query", the id it answers.`,
		Example: `  mdti vuln CVE-2021-44228
  mdti vuln cve-2021-44228 CVE-2023-23397 -o json
  mdti vuln CVE-2021-44228 --components
  mdti vuln CVE-2021-44228 --articles -o jsonl
  cat cves.txt | mdti vuln -o csv`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if opts.Components && opts.Articles {
				return cmdutil.FlagErrorf("--components and --articles cannot be used together")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return vulnRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.Components, "components", false, "list the affected components instead (vulnerabilities/{id}/components)")
	c.Flags().BoolVar(&opts.Articles, "articles", false, "list the related articles instead (vulnerabilities/{id}/articles)")
	return c
}

func vulnRun(ctx context.Context, opts *Options) error {
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "CVE id", cmdutil.ValidateCVE)
	if err != nil {
		return err
	}
	if !opts.Components && !opts.Articles {
		return opts.PrintEntities(ctx, ids, View, cmdutil.SingleInput(opts.Args, len(ids)), func(in lookup.Input) string {
			return graph.TIPath("vulnerabilities", in.Key)
		}, nil)
	}
	rel, view := "components", ComponentView
	if opts.Articles {
		rel, view = "articles", ArticleView
	}
	return opts.PrintCollections(ctx, ids, view, func(in lookup.Input) lookup.Collection {
		return opts.Collection(graph.TIPath("vulnerabilities", in.Key, rel), nil)
	})
}
