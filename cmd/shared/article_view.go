package shared

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// ArticleColumns describe an article: `mdti article` and `mdti vuln --articles`.
var ArticleColumns = []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "CREATED", Field: "createdDateTime", Value: views.Date("createdDateTime")},
	{Header: "UPDATED", Field: "lastUpdatedDateTime", Value: views.Date("lastUpdatedDateTime")},
	{Header: "TITLE", Field: "title", Truncate: true},
	{Header: "TAGS", Field: "tags", Value: views.Join("tags"), Truncate: true},
	{Header: "SUMMARY", Field: "summary", Value: views.Summary("summary"), Truncate: true},
}

// ArticleListView is one line per article of a list.
var ArticleListView = render.View{Columns: ArticleColumns}

// WithQuery puts the "query" column first: the view of records that answer an input.
func WithQuery(cols ...render.Column) []render.Column {
	return append([]render.Column{{Header: "QUERY", Field: "query", Truncate: true}}, cols...)
}
