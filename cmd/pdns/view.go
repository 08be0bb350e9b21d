package pdns

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per resolution: name → type → value.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "HOST", Field: "parentHost.id", Answer: true},
	{Header: "TYPE", Field: "recordType"},
	{Header: "VALUE", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true, Answer: true, MinWidth: 15},
	shared.FirstSeen,
	shared.LastSeen,
	shared.DateColumn("COLLECTED", "", "collectedDateTime", shared.PriorityDate),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "collectedDateTime", "recordType", "parentHost", "artifact"},
}
