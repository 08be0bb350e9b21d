package subdomains

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per subdomain.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "SUBDOMAIN", Field: "host.id", Truncate: true},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}
