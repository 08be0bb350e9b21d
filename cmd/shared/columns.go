package shared

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// Column priorities shared by the views, so that every table gives way alike on a narrow
// terminal (docs/reference.md §3): the answer (render.Column.Answer) stays, then the
// ordinary columns, then the echoed query, then secondary dates, then ids.
const (
	PriorityQuery = -1 // the echoed input: the user knows it; dropped when there was one
	PriorityDate  = -2 // a date beside the first/last seen pair (collected, last scan…)
	PriorityID    = -3 // a base64 or GUID id: useless when cut, so whole or not at all
)

// QueryColumn is the "query" column of records that answer an input: it shrinks and
// drops before the data, and is left out when there was one input.
var QueryColumn = render.Column{Header: "QUERY", Field: "query", Truncate: true, MinWidth: 8,
	Priority: PriorityQuery, DropWhenSingle: true}

// WithQueryProperty puts "query" before a record's documented properties: the
// View.Properties of records that answer an input.
func WithQueryProperty(props ...string) []string {
	return append([]string{"query"}, props...)
}

// IDColumn is a record's id: shown whole or dropped first, never cut.
func IDColumn(field string) render.Column {
	return render.Column{Header: "ID", Field: field, Priority: PriorityID}
}

// DateColumn shows the date part of a timestamp at priority p (0 for the first/last
// seen pair a table is about, PriorityDate for others). short is the header used when
// the column is narrower than header.
func DateColumn(header, short, field string, p int) render.Column {
	return render.Column{Header: header, ShortHeader: short, Field: field, Value: views.Date(field), Priority: p}
}

// FirstSeen and LastSeen are the observation dates most records carry.
var (
	FirstSeen = DateColumn("FIRST SEEN", "FIRST", "firstSeenDateTime", 0)
	LastSeen  = DateColumn("LAST SEEN", "LAST", "lastSeenDateTime", 0)
)
