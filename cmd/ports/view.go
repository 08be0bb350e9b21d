package ports

import (
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per port: what is listening and since when.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "PORT", Field: "port", Answer: true},
	{Header: "PROTO", Field: "protocol", Answer: true},
	{Header: "STATUS", Field: "status", Color: status, Answer: true},
	{Header: "SEEN", Field: "timesObserved", Priority: shared.PriorityDate},
	shared.FirstSeen,
	shared.LastSeen,
	shared.DateColumn("LAST SCAN", "SCAN", "lastScanDateTime", shared.PriorityDate),
	{Header: "SERVICES", Field: "services", Value: services, Truncate: true, MinWidth: 12},
	{Header: "BANNERS", Field: "banners", Value: views.Count("banners", "banner"), Priority: shared.PriorityDate},
	{Header: "CERTIFICATE", ShortHeader: "CERT", Field: "mostRecentSslCertificate", Value: certificate, Priority: shared.PriorityID},
},
	Properties: []string{"query", "@odata.type", "id", "port", "firstSeenDateTime", "lastSeenDateTime", "lastScanDateTime", "timesObserved", "status", "protocol", "banners", "services", "mostRecentSslCertificate", "host"},
}

// status leaves an open port plain: open is what a port scan finds, not a warning
// (yellow read as "suspicious"); anything else is dimmed.
func status(cell string) render.Color {
	if cell == "open" {
		return render.NoColor
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
