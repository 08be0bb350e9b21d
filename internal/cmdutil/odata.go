package cmdutil

import "net/url"

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
