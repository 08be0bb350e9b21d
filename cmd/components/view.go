package components

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
)

// View is one line per component.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "CATEGORY", Field: "category", Truncate: true},
	{Header: "NAME", Field: "name", Truncate: true, Answer: true, MinWidth: 16},
	{Header: "VERSION", Field: "version", Truncate: true, MinWidth: 7},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "name", "version", "category", "host"},
}
