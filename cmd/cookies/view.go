package cookies

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per cookie.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "NAME", Field: "name", Truncate: true},
	{Header: "DOMAIN", Field: "domain", Truncate: true},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}
