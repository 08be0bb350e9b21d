package article

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is an article looked up by id (a card on a terminal): the body too, as text.
var View = render.View{Columns: append(shared.WithQuery(shared.ArticleColumns...),
	render.Column{Header: "BODY", Field: "body", Value: views.Summary("body"), Truncate: true, Priority: -1}),
	Properties: shared.WithQueryProperty(shared.ArticleProperties...)}

// IndicatorView is one line per indicator: what to look for and who says so.
var IndicatorView = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "KIND", Field: "artifact", Value: views.KindOf("artifact")},
	{Header: "ARTIFACT", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true, Answer: true, MinWidth: 20},
	{Header: "SOURCE", Field: "source"},
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "source", "artifact"},
}
