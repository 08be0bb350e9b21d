package shared

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// ArticleColumns describe an article: `mdti article` and `mdti vuln --articles`.
var ArticleColumns = []render.Column{
	{Header: "ID", Field: "id", Priority: -1},
	DateColumn("CREATED", "", "createdDateTime", PriorityDate),
	DateColumn("UPDATED", "", "lastUpdatedDateTime", 0),
	{Header: "TITLE", Field: "title", Truncate: true, Answer: true, MinWidth: 20},
	{Header: "TAGS", Field: "tags", Value: views.Join("tags"), Truncate: true, MinWidth: 10, Priority: PriorityDate},
	{Header: "SUMMARY", Field: "summary", Value: views.Summary("summary"), Truncate: true, MinWidth: 10, Priority: -1},
}

// ArticleListView is one line per article of a list.
var ArticleListView = render.View{Columns: ArticleColumns, Properties: ArticleProperties}

// ArticleProperties are an article's documented properties.
var ArticleProperties = []string{"@odata.type", "id", "createdDateTime", "lastUpdatedDateTime", "title", "summary", "isFeatured", "body", "tags", "imageUrl"}

// WithQuery puts the "query" column first: the view of records that answer an input.
func WithQuery(cols ...render.Column) []render.Column {
	return append([]render.Column{QueryColumn}, cols...)
}
