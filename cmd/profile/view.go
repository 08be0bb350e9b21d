package profile

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var columns = []render.Column{
	{Header: "TITLE", Field: "title", Truncate: true},
	{Header: "KIND", Field: "kind"},
	{Header: "FIRST ACTIVE", Field: "firstActiveDateTime", Value: views.Date("firstActiveDateTime")},
	{Header: "ALIASES", Field: "aliases", Value: views.Join("aliases"), Truncate: true},
	{Header: "SUMMARY", Field: "summary", Value: views.Summary("summary"), Truncate: true},
	{Header: "ID", Field: "id", Truncate: true},
}

// ListView is one line per profile of a list.
var ListView = render.View{Columns: columns}

// View is a profile looked up by id (a card on a terminal), with its longer texts.
var View = render.View{Columns: append(append([]render.Column{{Header: "QUERY", Field: "query", Truncate: true}}, columns...),
	render.Column{Header: "TARGETS", Field: "targets", Value: views.Join("targets"), Truncate: true},
	render.Column{Header: "ORIGIN", Field: "countriesOrRegionsOfOrigin", Value: views.Join("countriesOrRegionsOfOrigin.label"), Truncate: true},
	render.Column{Header: "DESCRIPTION", Field: "description", Value: views.Summary("description"), Truncate: true},
	render.Column{Header: "TRADECRAFT", Field: "tradecraft", Value: views.Summary("tradecraft"), Truncate: true},
)}

// IndicatorView is one line per indicator.
var IndicatorView = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "KIND", Field: "artifact", Value: views.KindOf("artifact")},
	{Header: "ARTIFACT", Field: "artifact", Value: views.ArtifactValue("artifact"), Truncate: true},
	{Header: "SOURCE", Field: "source"},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}
