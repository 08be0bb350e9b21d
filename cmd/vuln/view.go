package vuln

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is a vulnerability: how bad, how exploited, what it is.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "ID", Field: "id"},
	{Header: "SEVERITY", Field: "severity", Color: severity},
	{Header: "CVSS3", Field: "cvss3Summary.score"},
	{Header: "CVSS2", Field: "cvss2Summary.score"},
	{Header: "PRIORITY", Field: "priorityScore"},
	{Header: "EXPLOITS", Field: "exploitsAvailable"},
	{Header: "ACTIVE", Field: "activeExploitsObserved"},
	{Header: "PUBLISHED", Field: "publishedDateTime", Value: views.Date("publishedDateTime")},
	{Header: "UPDATED", Field: "lastModifiedDateTime", Value: views.Date("lastModifiedDateTime")},
	{Header: "CWE", Field: "commonWeaknessEnumerationIds", Value: views.Join("commonWeaknessEnumerationIds"), Truncate: true},
	{Header: "DESCRIPTION", Field: "description", Value: views.Summary("description"), Truncate: true},
}}

// ComponentView is one line per affected component.
var ComponentView = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "NAME", Field: "name", Truncate: true},
	{Header: "ID", Field: "id", Truncate: true},
}}

func severity(cell string) render.Color {
	switch cell {
	case "critical", "high":
		return render.Red
	case "medium":
		return render.Yellow
	case "low", "none":
		return render.Green
	}
	return render.Dim
}

// ArticleView shows the related articles with the article list's columns.
var ArticleView = render.View{Columns: shared.WithQuery(shared.ArticleColumns...)}
