package pairs

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
)

// View is one line per pair: parent → child and why.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "PARENT", Field: "parentHost.id", Truncate: true, MinWidth: 12},
	{Header: "CHILD", Field: "childHost.id", Answer: true},
	{Header: "LINK", Field: "linkKind"},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "linkKind", "parentHost", "childHost"},
}
