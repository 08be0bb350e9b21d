package cmdutil

import (
	"context"
	"net/url"
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
)

// LookupHostCollections is for commands that return a collection per HOST (cookies,
// passive DNS, pairs…): json prints an array even for one HOST and one record, since a
// list command never prints a bare object (CONTRACT.md §3).
func (f *Factory) LookupHostCollections(ctx context.Context, args []string, view render.View, fetch FetchFunc) error {
	hosts, err := ReadHosts(f.IOStreams, args, f.Flags.InputFile)
	if err != nil {
		return err
	}
	return f.runHostLookup(ctx, hosts, view, false, &HostLookup{Fetch: fetch})
}

// List prints one collection that takes no inputs (articles, intel profiles, a search):
// an array in json, "[]" for none.
func (f *Factory) List(ctx context.Context, view render.View, c Collection) error {
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	printer, _, err := f.Printer(view, false)
	if err != nil {
		return err
	}
	added := 0
	runErr := Collect(ctx, client, c, func(rec []byte) error {
		added++
		if err := printer.Add(rec); err != nil {
			return &outputError{err}
		}
		return nil
	})
	if runErr != nil && added == 0 {
		return runErr
	}
	if err := printer.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}

// CollectionFor builds a Collection that honours --limit and --all.
func (f *Factory) CollectionFor(path string, q url.Values) Collection {
	return Collection{Path: path, Query: q, Limit: f.Flags.Limit, All: f.Flags.All}
}

// AndFilters joins OData $filter expressions with "and", each in parentheses when there
// are several, so that a user's "a or b" cannot swallow the generated condition. Empty
// parts are skipped; "" when nothing is left.
func AndFilters(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 1 {
		return kept[0]
	}
	for i, p := range kept {
		kept[i] = "(" + p + ")"
	}
	return strings.Join(kept, " and ")
}

// ODataString quotes s as an OData string literal: 'it”s'.
func ODataString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// SearchLiteral quotes a $search value the way the Graph pages write it: "QUERY". A value
// the user already quoted is kept; an empty one or one with an inner double quote is a
// usage error (OData has no escape for it inside $search).
func SearchLiteral(flag, q string) (string, error) {
	q = strings.TrimSpace(q)
	if len(q) >= 2 && strings.HasPrefix(q, `"`) && strings.HasSuffix(q, `"`) {
		q = strings.TrimSpace(q[1 : len(q)-1])
	}
	switch {
	case q == "":
		return "", FlagErrorf("%s: the search text is empty", flag)
	case strings.Contains(q, `"`):
		return "", FlagErrorf("%s %q: a search cannot contain a double quote", flag, q)
	case strings.ContainsFunc(q, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "", FlagErrorf("%s %q: a search cannot contain control characters", flag, q)
	}
	return `"` + q + `"`, nil
}
