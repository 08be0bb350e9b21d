package trackers

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
)

// View is one line per tracker.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "KIND", Field: "kind", Truncate: true, MinWidth: 8},
	{Header: "VALUE", Field: "value", Answer: true},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "kind", "value", "host"},
}
