package profile

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var columns = []render.Column{
	{Header: "TITLE", Field: "title", Truncate: true, Answer: true, MinWidth: 16},
	{Header: "KIND", Field: "kind"},
	shared.DateColumn("FIRST ACTIVE", "ACTIVE", "firstActiveDateTime", shared.PriorityDate),
	{Header: "ALIASES", Field: "aliases", Value: views.Join("aliases"), Truncate: true, MinWidth: 10},
	{Header: "SUMMARY", Field: "summary", Value: views.Summary("summary"), Truncate: true, MinWidth: 10, Priority: shared.PriorityDate},
	shared.IDColumn("id"),
}

// ListView is one line per profile of a list.
var ListView = render.View{Columns: columns, Properties: properties}

// properties are an intelligenceProfile's documented properties.
var properties = []string{"@odata.type", "id", "kind", "title", "firstActiveDateTime", "aliases", "targets", "countriesOrRegionsOfOrigin", "summary", "description", "tradecraft"}

// View is a profile looked up by id (a card on a terminal), with its longer texts.
var View = render.View{Columns: append(shared.WithQuery(columns...),
	render.Column{Header: "TARGETS", Field: "targets", Value: views.Join("targets"), Truncate: true},
	render.Column{Header: "ORIGIN", Field: "countriesOrRegionsOfOrigin", Value: views.Join("countriesOrRegionsOfOrigin.label"), Truncate: true},
	render.Column{Header: "DESCRIPTION", Field: "description", Value: views.Summary("description"), Truncate: true},
	render.Column{Header: "TRADECRAFT", Field: "tradecraft", Value: views.Summary("tradecraft"), Truncate: true},
),
	Properties: shared.WithQueryProperty(properties...)}

// IndicatorView is one line per indicator.
var IndicatorView = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "KIND", Field: "artifact", Value: views.KindOf("artifact")},
	{Header: "ARTIFACT", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true, Answer: true, MinWidth: 20},
	{Header: "SOURCE", Field: "source"},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "source", "firstSeenDateTime", "lastSeenDateTime", "artifact"},
}
