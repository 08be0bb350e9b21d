package certs

import (
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per certificate seen on a host.
var View = render.View{Columns: []render.Column{
	shared.QueryColumn,
	{Header: "CERTIFICATE", Field: "sslCertificate.id", Priority: shared.PriorityDate}, // an id: whole or not at all
	{Header: "SUBJECT", Field: "sslCertificate.subject.commonName", Truncate: true, Answer: true, MinWidth: 16},
	{Header: "PORTS", Field: "ports", Value: ports, Truncate: true},
	shared.FirstSeen,
	shared.LastSeen,
	shared.IDColumn("id"),
},
	Properties: []string{"query", "@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "ports", "host", "sslCertificate"},
}

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
