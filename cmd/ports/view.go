package ports

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per port: what is listening and since when.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "PORT", Field: "port"},
	{Header: "PROTO", Field: "protocol"},
	{Header: "STATUS", Field: "status", Color: status},
	{Header: "SEEN", Field: "timesObserved"},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "LAST SCAN", Field: "lastScanDateTime", Value: views.Date("lastScanDateTime")},
	{Header: "SERVICES", Field: "services", Value: services, Truncate: true},
	{Header: "BANNERS", Field: "banners", Value: views.Count("banners", "banner")},
	{Header: "CERTIFICATE", Field: "mostRecentSslCertificate", Value: certificate, Truncate: true},
}}

func status(cell string) render.Color {
	if cell == "open" {
		return render.Yellow
	}
	return render.Dim
}

// services lists the detected components as "name version".
func services(o render.Object) string {
	v, _ := o.Lookup("services")
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		s := render.Object{"s": it}
		name := strings.TrimSpace(views.String(s, "s.component.name") + " " + views.String(s, "s.component.version"))
		if name == "" {
			name = views.String(s, "s.component.id")
		}
		if name != "" {
			out = append(out, name)
		}
	}
	return strings.Join(out, ", ")
}

// certificate shows the subject's common name when the certificate was expanded, else its id.
func certificate(o render.Object) string {
	if cn := views.String(o, "mostRecentSslCertificate.subject.commonName"); cn != "" {
		return cn
	}
	return views.String(o, "mostRecentSslCertificate.id")
}
