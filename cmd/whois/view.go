package whois

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var (
	query      = render.Column{Header: "QUERY", Field: "query", Truncate: true}
	registrar  = render.Column{Header: "REGISTRAR", Field: "registrar", Value: contact("registrar"), Truncate: true}
	registrant = render.Column{Header: "REGISTRANT", Field: "registrant", Value: contact("registrant"), Truncate: true}
	registered = render.Column{Header: "REGISTERED", Field: "registrationDateTime", Value: views.Date("registrationDateTime")}
	expires    = render.Column{Header: "EXPIRES", Field: "expirationDateTime", Value: views.Date("expirationDateTime")}
	updated    = render.Column{Header: "UPDATED", Field: "lastUpdateDateTime", Value: views.Date("lastUpdateDateTime")}
	nameserver = render.Column{Header: "NAME SERVERS", Field: "nameservers", Value: nameservers, Truncate: true}
	firstSeen  = render.Column{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")}
	lastSeen   = render.Column{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")}
)

// View is a host's current WHOIS record.
var View = render.View{Columns: []render.Column{query, registrar, registrant, registered, expires, updated, nameserver,
	{Header: "WHOIS SERVER", Field: "whoisServer", Truncate: true}}}

// HistoryView is one line per earlier version of a record.
var HistoryView = render.View{Columns: []render.Column{query, firstSeen, lastSeen, registrar, registrant, registered, expires, nameserver}}

// SearchView is one line per record found: which host it is about first.
var SearchView = render.View{Columns: []render.Column{{Header: "HOST", Field: "host.id", Truncate: true}, registrar, registrant, registered, expires, updated, nameserver}}

// contact shows a WHOIS contact as its organisation, else its name, else its email.
func contact(path string) func(render.Object) string {
	return func(o render.Object) string {
		for _, p := range []string{"organization", "name", "email"} {
			if s := views.String(o, path+"."+p); s != "" {
				return s
			}
		}
		return ""
	}
}

func nameservers(o render.Object) string {
	v, _ := o.Lookup("nameservers")
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s := views.String(render.Object{"n": it}, "n.host.id"); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", ")
}
