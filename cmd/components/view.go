package components

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per component.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "CATEGORY", Field: "category", Truncate: true},
	{Header: "NAME", Field: "name", Truncate: true},
	{Header: "VERSION", Field: "version"},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}
