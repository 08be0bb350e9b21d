package cmdutil

import (
	"net/url"
	"strings"
)

// OData are the query options a list command passes to Graph. Empty fields are left out,
// so commands build their query in one expression instead of a chain of ifs.
type OData struct {
	Filter  string
	OrderBy string
	Search  string // already a literal (SearchLiteral, or a single term)
	Expand  string
}

// Values is the options as a query.
func (o OData) Values() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"$filter": o.Filter, "$orderby": o.OrderBy, "$search": o.Search, "$expand": o.Expand} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
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
