package subdomains

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
)

// View is one line per subdomain.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "SUBDOMAIN", Field: "host.id", Answer: true},
	shared.FirstSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "host"},
}
