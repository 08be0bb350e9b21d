package certs

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per certificate seen on a host.
var View = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "CERTIFICATE", Field: "sslCertificate.id", Truncate: true},
	{Header: "SUBJECT", Field: "sslCertificate.subject.commonName", Truncate: true},
	{Header: "PORTS", Field: "ports", Value: ports},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "ID", Field: "id", Truncate: true},
}}

func ports(o render.Object) string {
	v, _ := o.Lookup("ports")
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if p := views.String(render.Object{"p": it}, "p.port"); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}
