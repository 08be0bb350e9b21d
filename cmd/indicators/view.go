package indicators

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// observables are the properties the OBSERVABLE column looks at, most telling first.
var observables = []string{"domainName", "url", "networkIPv4", "networkIPv6", "networkDestinationIPv4",
	"networkDestinationIPv6", "networkSourceIPv4", "networkSourceIPv6", "networkCidrBlock",
	"networkDestinationCidrBlock", "networkSourceCidrBlock", "fileHashValue", "fileName", "filePath",
	"emailSenderAddress", "emailSourceDomain", "emailSubject", "userAgent"}

// observable is the indicator's first observable as "property value".
func observable(o render.Object) string {
	for _, p := range observables {
		if v := views.String(o, p); v != "" {
			return p + " " + v
		}
	}
	return ""
}

var indicatorColumns = []render.Column{
	{Header: "ID", Field: "id", Priority: -1},
	{Header: "ACTION", Field: "action"},
	{Header: "THREAT", Field: "threatType"},
	{Header: "TLP", Field: "tlpLevel"},
	{Header: "OBSERVABLE", Field: "domainName", Value: observable, Truncate: true, Answer: true, MinWidth: 20},
	{Header: "TARGET", Field: "targetProduct", Truncate: true},
	{Header: "EXPIRES", Field: "expirationDateTime", Value: views.Date("expirationDateTime"), Priority: -1},
	{Header: "DESCRIPTION", Field: "description", Truncate: true, Priority: -2},
}

// ListView is one line per indicator.
var ListView = render.View{Columns: indicatorColumns}

// GetView is `get` of several ids, with the id asked for.
var GetView = render.View{Columns: shared.WithQuery(indicatorColumns...)}

// OutcomeView is one line per input of submit, update and delete: what became of it.
// Records are the indicator Graph answered, a {"query","status","message"} record, or an
// error record {"query","error":{…}}.
// One outcome is a one-line table on a terminal too, not a card.
var OutcomeView = render.View{NoCard: true, Columns: []render.Column{
	{Header: "QUERY", Field: "query"},
	{Header: "STATUS", Field: "status", Value: outcomeStatus},
	{Header: "ID", Field: "id", Priority: -1},
	{Header: "MESSAGE", Field: "message", Value: outcomeMessage, Truncate: true, Answer: true},
}}

func outcomeStatus(o render.Object) string {
	if views.String(o, "error.message") != "" || views.String(o, "error.code") != "" {
		return "failed"
	}
	if s := views.String(o, "status"); s != "" {
		return s
	}
	return "ok"
}

func outcomeMessage(o render.Object) string {
	if m := views.String(o, "error.message"); m != "" {
		if c := views.String(o, "error.code"); c != "" {
			return c + ": " + m
		}
		return m
	}
	if m := views.String(o, "message"); m != "" {
		return m
	}
	return observable(o)
}
