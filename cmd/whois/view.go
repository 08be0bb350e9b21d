package whois

import (
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var (
	query      = shared.QueryColumn
	registrar  = render.Column{Header: "REGISTRAR", ShortHeader: "REGISTRAR", Field: "registrar", Value: contact("registrar"), Truncate: true, Answer: true, MinWidth: 12}
	registrant = render.Column{Header: "REGISTRANT", ShortHeader: "OWNER", Field: "registrant", Value: contact("registrant"), Truncate: true, MinWidth: 8}
	registered = shared.DateColumn("REGISTERED", "", "registrationDateTime", 0)
	expires    = shared.DateColumn("EXPIRES", "", "expirationDateTime", 0)
	updated    = shared.DateColumn("UPDATED", "", "lastUpdateDateTime", shared.PriorityDate)
	nameserver = render.Column{Header: "NAME SERVERS", ShortHeader: "NS", Field: "nameservers", Value: nameservers, Truncate: true, Priority: -1}
	firstSeen  = shared.FirstSeen
	lastSeen   = shared.LastSeen
)

// View is a host's current WHOIS record.
var View = render.View{Columns: []render.Column{query, registrar, registrant, registered, expires, updated, nameserver,
	{Header: "WHOIS SERVER", ShortHeader: "SERVER", Field: "whoisServer", Truncate: true, Priority: shared.PriorityDate}},
	Properties: shared.WithQueryProperty(properties...)}

// properties are a whoisRecord's (and whoisHistoryRecord's) documented properties.
var properties = []string{"@odata.type", "id", "expirationDateTime", "registrationDateTime", "firstSeenDateTime", "lastSeenDateTime", "lastUpdateDateTime", "billing", "noc", "zone", "whoisServer", "domainStatus", "rawWhoisText", "abuse", "admin", "registrar", "registrant", "technical", "nameservers", "host"}

// HistoryView is one line per earlier version of a record.
var HistoryView = render.View{Columns: []render.Column{query, firstSeen, lastSeen, registrar, registrant, registered, expires, nameserver},
	Properties: shared.WithQueryProperty(properties...)}

// SearchView is one line per record found: which host it is about first.
var SearchView = render.View{Columns: []render.Column{{Header: "HOST", Field: "host.id", Answer: true}, registrar, registrant, registered, expires, updated, nameserver}, Properties: properties}

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
