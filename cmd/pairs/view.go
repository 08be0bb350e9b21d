package pairs

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per pair: parent → child and why.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "PARENT", Field: "parentHost.id", Truncate: true},
	{Header: "CHILD", Field: "childHost.id", Truncate: true},
	{Header: "LINK", Field: "linkKind"},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}
