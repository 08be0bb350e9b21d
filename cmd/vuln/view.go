package vuln

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is a vulnerability: how bad, how exploited, what it is.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "ID", Field: "id", Answer: true},
	{Header: "SEVERITY", ShortHeader: "SEV", Field: "severity", Color: severity, Answer: true},
	{Header: "CVSS3", Field: "cvss3Summary.score"},
	{Header: "CVSS2", Field: "cvss2Summary.score", Priority: shared.PriorityDate},
	{Header: "PRIORITY", ShortHeader: "PRIO", Field: "priorityScore"},
	{Header: "EXPLOITS", ShortHeader: "EXPL", Field: "exploitsAvailable", Priority: -1},
	{Header: "ACTIVE", Field: "activeExploitsObserved", Priority: -1},
	shared.DateColumn("PUBLISHED", "", "publishedDateTime", shared.PriorityDate),
	shared.DateColumn("UPDATED", "", "lastModifiedDateTime", shared.PriorityDate),
	{Header: "CWE", Field: "commonWeaknessEnumerationIds", Value: views.Join("commonWeaknessEnumerationIds"), Truncate: true, Priority: -1},
	{Header: "DESCRIPTION", Field: "description", Value: views.Summary("description"), Truncate: true, MinWidth: 12, Priority: shared.PriorityDate},
},
	Properties: []string{"query", "@odata.type", "id", "createdDateTime", "lastModifiedDateTime", "publishedDateTime", "description", "remediation", "priorityScore", "severity", "commonWeaknessEnumerationIds", "cvss2Summary", "cvss3Summary", "hasChatter", "exploitsAvailable", "activeExploitsObserved", "exploits", "references"},
}

// ComponentView is one line per affected component.
var ComponentView = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "NAME", Field: "name", Truncate: true, Answer: true, MinWidth: 20},
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "name"},
}

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
var ArticleView = render.View{Columns: shared.WithQuery(shared.ArticleColumns...),
	Properties: shared.WithQueryProperty(shared.ArticleProperties...)}
