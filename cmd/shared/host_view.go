package shared

import (
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// HostView is the table of host objects: `mdti host`, and the related hosts of `mdti cert --hosts`.
var HostView = render.View{Columns: []render.Column{
	QueryColumn,
	{Header: "ID", Field: "id", Truncate: true, MinWidth: 12},
	{Header: "KIND", Field: "@odata.type", Value: hostKind},
	FirstSeen,
	LastSeen,
	{Header: "DETAILS", Field: "registrar", Value: hostDetails, Truncate: true, Answer: true, MinWidth: 20},
},
	// Both subtypes' properties, so a CSV of hostnames and IP addresses has every column.
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime",
		"registrant", "registrar", "autonomousSystem", "countryOrRegion", "hostingProvider", "netblock"},
}

func hostKind(o render.Object) string {
	t := views.String(o, "@odata.type")
	return t[strings.LastIndex(t, ".")+1:]
}

// hostDetails summarises what differs between hostnames and IP addresses in one cell.
func hostDetails(o render.Object) string {
	if strings.EqualFold(hostKind(o), "ipAddress") {
		as := views.String(o, "autonomousSystem.number")
		parts := nonEmpty(
			prefixed("AS", as)+" "+views.String(o, "autonomousSystem.name"),
			views.String(o, "countryOrRegion"),
			views.String(o, "hostingProvider"),
			views.String(o, "netblock"),
		)
		return strings.Join(parts, ", ")
	}
	return strings.Join(nonEmpty(
		labelled("registrar", views.String(o, "registrar")),
		labelled("registrant", views.String(o, "registrant")),
	), ", ")
}

func prefixed(p, v string) string {
	if v == "" {
		return ""
	}
	return p + v
}

func labelled(label, v string) string {
	if v == "" {
		return ""
	}
	return fmt.Sprintf("%s: %s", label, v)
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
