package article

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var columns = []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "CREATED", Field: "createdDateTime", Value: views.Date("createdDateTime")},
	{Header: "UPDATED", Field: "lastUpdatedDateTime", Value: views.Date("lastUpdatedDateTime")},
	{Header: "TITLE", Field: "title", Truncate: true},
	{Header: "TAGS", Field: "tags", Value: views.Join("tags"), Truncate: true},
	{Header: "SUMMARY", Field: "summary", Value: views.Summary("summary"), Truncate: true},
}

// ListView is one line per article of a list.
var ListView = render.View{Columns: columns}

// View is an article looked up by id (a card on a terminal): the body too, as text.
var View = render.View{Columns: append(append([]render.Column{{Header: "QUERY", Field: "query", Truncate: true}}, columns...),
	render.Column{Header: "BODY", Field: "body", Value: views.Summary("body"), Truncate: true})}

// IndicatorView is one line per indicator: what to look for and who says so.
var IndicatorView = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "KIND", Field: "artifact", Value: views.KindOf("artifact")},
	{Header: "ARTIFACT", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true},
	{Header: "SOURCE", Field: "source"},
	{Header: "ID", Field: "id", Truncate: true},
}}
