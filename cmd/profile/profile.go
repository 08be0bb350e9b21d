// Package profile implements `mdti profile`: intel profiles of threat actors and tools.
package profile

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// Options are the inputs of `mdti profile`.
type Options struct {
	shared.Deps
	Args    []string
	Search  string
	Filter  string
	OrderBy string
}

// NewCmdProfile lists intel profiles or shows them by id (intelProfiles, intelProfiles/{id}).
func NewCmdProfile(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "profile [<id>...]",
		Short: "list and read intel profiles of threat actors and tools, and their indicators",
		Long: `List Microsoft's intel profiles (threat actors and tools), or show profiles by id:
title, kind, aliases, targets, countries or regions of origin, first active, summary,
description and tradecraft. Tables show the texts as plain text (HTML and markdown
stripped, cut to fit); json, jsonl and yaml keep the formattedContent as is.

With no id: GET /security/threatIntelligence/intelProfiles, page by page (--limit N,
default 100; --all for every page). --search TERM adds $search="TERM" (one term);
--filter and --orderby pass OData through (e.g. --filter "kind eq 'actor'",
--orderby 'firstActiveDateTime desc').

With ids: GET /security/threatIntelligence/intelProfiles/{id} for each. Ids come from
arguments, or from stdin with "-" (or -i FILE); without an id mdti lists rather than
waiting on stdin. Each record gets "query", the id it answers.

mdti profile indicators ID lists the indicators tied to a profile.`,
		Example: `  mdti profile
  mdti profile --search ACTINIUM
  mdti profile --filter "kind eq 'tool'" --orderby 'firstActiveDateTime desc' -o json
  mdti profile 9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80
  mdti profile indicators 9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80
  mdti --api-version beta profile actinium`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return profileRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Search, "search", "", "list the profiles matching a single `TERM` ($search)")
	c.Flags().StringVar(&opts.Filter, "filter", "", "OData $filter for the list, e.g. \"kind eq 'actor'\"")
	c.Flags().StringVar(&opts.OrderBy, "orderby", "", "OData $orderby for the list, e.g. 'firstActiveDateTime desc'")
	c.AddCommand(NewCmdIndicators(f))
	return c
}

func profileRun(ctx context.Context, opts *Options) error {
	if len(opts.Args) == 0 && opts.Flags.InputFile == "" {
		o := cmdutil.OData{Filter: opts.Filter, OrderBy: opts.OrderBy}
		if opts.Search != "" {
			lit, err := shared.SingleTerm("--search", opts.Search)
			if err != nil {
				return err
			}
			o.Search = lit
		}
		opts.Empty = func(string) string {
			if opts.Search == "" && opts.Filter == "" {
				return "no intelligence profiles"
			}
			return "no intelligence profiles match"
		}
		return opts.List(ctx, ListView, opts.Collection(graph.TIPath("intelProfiles"), o.Values()))
	}
	if opts.Search != "" || opts.Filter != "" || opts.OrderBy != "" {
		return cmdutil.FlagErrorf("--search, --filter and --orderby list profiles: give them without ids")
	}
	ids, err := shared.IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, "profile ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return opts.PrintEntities(ctx, ids, View, cmdutil.SingleInput(opts.Args, len(ids)), func(in lookup.Input) string {
		return graph.TIPath("intelProfiles", in.Key)
	}, nil)
}
