package pdns

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per resolution: name → type → value.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "HOST", Field: "parentHost.id", Truncate: true},
	{Header: "TYPE", Field: "recordType"},
	{Header: "VALUE", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "COLLECTED", Field: "collectedDateTime", Value: views.Date("collectedDateTime")},
}}
