package emulator

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// queryOptions are the OData system query options of one request.
type queryOptions struct {
	top       int
	hasTop    bool
	skip      int
	count     bool
	selectSet map[string]bool
	selectRaw string
	filter    filterExpr
	orderby   []orderKey
	search    string
	hasSearch bool
	expand    []string
	values    url.Values // every parameter as received, to rebuild nextLinks
}

// knownOptions are the system query options Graph understands; any other "$" option is a 400.
var knownOptions = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"$top": true, "$skip": true, "$count": true, "$select": true, "$filter": true,
		"$orderby": true, "$search": true, "$expand": true, "$skiptoken": true, "$format": true,
	}
}}

// parseQuery parses the system query options; checks that need the resource type happen in
// validate.
func parseQuery(raw string) (*queryOptions, *apiError) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return nil, badRequest("Invalid query string: %v.", err)
	}
	q := &queryOptions{values: vals}
	for name, vs := range vals {
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "$") {
			continue // Graph ignores custom parameters
		}
		if !knownOptions.Get()[lower] {
			return nil, badRequest("Query option '%s' is not supported.", name)
		}
		if len(vs) > 1 {
			return nil, badRequest("Query option '%s' was specified more than once, but it must be specified at most once.", name)
		}
		if ae := q.parseOption(lower, vs[0]); ae != nil {
			return nil, ae
		}
	}
	return q, nil
}

func (q *queryOptions) parseOption(name, v string) *apiError {
	var ae *apiError
	switch name {
	case "$top":
		q.top, ae = parseNonNegative(name, v)
		q.hasTop = true
	case "$skip", "$skiptoken":
		q.skip, ae = parseNonNegative(name, v)
	case "$count":
		q.count, ae = parseBool(v)
	case "$select":
		q.selectRaw = v
		q.selectSet = splitList(v)
	case "$filter":
		q.filter, ae = parseFilter(v)
	case "$orderby":
		q.orderby, ae = parseOrderBy(v)
	case "$search":
		q.search, q.hasSearch = strings.TrimSpace(v), true
	case "$expand":
		for p := range splitList(v) {
			q.expand = append(q.expand, p)
		}
	case "$format":
		if v != "json" && v != "application/json" {
			ae = badRequest("Unsupported $format '%s'.", v)
		}
	}
	return ae
}

func parseNonNegative(name, v string) (int, *apiError) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, badRequest("Invalid value '%s' for query option '%s': it must be a non-negative integer.", v, name)
	}
	return n, nil
}

func parseBool(v string) (bool, *apiError) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, badRequest("Invalid value '%s' for $count: it must be true or false.", v)
}

// splitList splits "a, b,c" into a set.
func splitList(v string) map[string]bool {
	out := map[string]bool{}
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out[p] = true
		}
	}
	return out
}

// validate checks the options against what the resource documents.
func (q *queryOptions) validate(res *resource) *apiError {
	t := res.schema()
	for p := range q.selectSet {
		if strings.Contains(p, "/") {
			return badRequest("$select doesn't support nested properties such as '%s'.", p)
		}
		if !t.has(p) {
			return unknownProperty(p, t)
		}
	}
	for _, p := range q.expand {
		if res.expandable[p] == nil {
			return badRequest("Property '%s' cannot be expanded on type '%s'.", p, t.qualified())
		}
	}
	if !res.collection {
		return nil // the single-entity pages list collection options too; Graph ignores them
	}
	if q.filter != nil {
		if ae := q.filter.check(t); ae != nil {
			return ae
		}
	}
	for _, k := range q.orderby {
		if !t.has(k.path[0]) {
			return unknownProperty(strings.Join(k.path, "/"), t)
		}
	}
	return q.validateSearch(res)
}

func (q *queryOptions) validateSearch(res *resource) *apiError {
	if !q.hasSearch {
		if res.searchRequired {
			return badRequest("The $search query parameter is required for this request; it searches one field, for example $search=\"%s\".", searchExample(res.search))
		}
		return nil
	}
	if res.search == searchNone {
		return badRequest("$search is not supported on this resource.")
	}
	_, ae := parseSearch(res.search, q.search)
	return ae
}

func unknownProperty(p string, t typeInfo) *apiError {
	return badRequest("Could not find a property named '%s' on type '%s'.", p, t.qualified())
}
