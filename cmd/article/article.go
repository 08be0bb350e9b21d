// Package article implements `mdti article`: MDTI's finished intelligence articles.
package article

import (
	"bufio"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti article`.
type Options struct {
	shared.Deps
	Args    []string
	Search  string
	OrderBy string
}

// NewCmdArticle lists articles or shows them by id (articles, articles/{id}).
func NewCmdArticle(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "article [<id>...]",
		Short: "list and read MDTI articles, and the indicators they cite",
		Long: `List Microsoft's threat-intelligence articles, or show articles by id: title, dates,
tags, summary and body. Tables show the summary and body as plain text (HTML and
markdown stripped, cut to fit); json, jsonl and yaml keep the formattedContent as is.

With no id: GET /security/threatIntelligence/articles, page by page (--limit N,
default 100; --all for every page). --search TERM adds $search="TERM" (Graph searches
articles for a single term: title, summary, tags); --orderby passes an OData $orderby
through (e.g. 'createdDateTime desc').

With ids: GET /security/threatIntelligence/articles/{id} for each. Ids come from
arguments, from stdin with "-" (or -i FILE), or piped in (echo ID | mdti article);
with no id and nothing on stdin mdti lists. Each record gets "query", the id it answers.

mdti article indicators ID lists the indicators an article cites.`,
		Example: `  mdti article
  mdti article --search Batloader --limit 5
  mdti article --orderby 'createdDateTime desc' --limit 10 -o json
  mdti article a272d5ab
  mdti article a272d5ab 831b70a4 -o jsonl
  mdti article indicators a272d5ab`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return articleRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Search, "search", "", "list the articles matching a single `TERM` ($search)")
	c.Flags().StringVar(&opts.OrderBy, "orderby", "", "OData $orderby for the list, e.g. 'createdDateTime desc'")
	c.AddCommand(NewCmdIndicators(f))
	return c
}

// pipedInput says whether ids are piped in: stdin is not a terminal and holds at least one
// byte. An empty stdin (a CI job's /dev/null) still lists, as `mdti article` always has.
func pipedInput(ios *iostreams.IOStreams) bool {
	if ios.IsStdinTTY() || ios.In == nil {
		return false
	}
	br := bufio.NewReader(ios.In)
	ios.In = br
	_, err := br.Peek(1)
	return err == nil
}

func articleRun(ctx context.Context, opts *Options) error {
	if len(opts.Args) == 0 && opts.Flags.InputFile == "" && opts.Search == "" && opts.OrderBy == "" && pipedInput(opts.IO) {
		opts.Args = []string{"-"}
	}
	if len(opts.Args) == 0 && opts.Flags.InputFile == "" {
		o := cmdutil.OData{OrderBy: opts.OrderBy}
		if opts.Search != "" {
			lit, err := shared.SingleTerm("--search", opts.Search)
			if err != nil {
				return err
			}
			o.Search = lit
		}
		opts.Empty = func(string) string { return matching("articles", opts.Search) }
		return opts.List(ctx, shared.ArticleListView, opts.Collection(graph.TIPath("articles"), o.Values()))
	}
	if opts.Search != "" || opts.OrderBy != "" {
		return cmdutil.FlagErrorf("--search and --orderby list articles: give them without ids")
	}
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "article ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return opts.PrintEntities(ctx, ids, View, cmdutil.SingleInput(opts.Args, len(ids)), func(in lookup.Input) string {
		return graph.TIPath("articles", in.Key)
	}, nil)
}

// matching says that a list came back empty: "no articles match zzz".
func matching(noun, search string) string {
	if search == "" {
		return "no " + noun
	}
	return fmt.Sprintf("no %s match %q", noun, search)
}
