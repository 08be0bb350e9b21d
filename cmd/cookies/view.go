package cookies

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
)

// View is one line per cookie.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "NAME", Field: "name", Truncate: true, Answer: true, MinWidth: 16},
	{Header: "DOMAIN", Field: "domain", Truncate: true, Answer: true, MinWidth: 16},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "domain", "name", "host"},
}
