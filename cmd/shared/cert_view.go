package shared

import (
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// certColumns describe an sslCertificate: who it names, who signed it, when it was valid
// and seen, and the hash analysts search for.
var certColumns = []render.Column{
	{Header: "SUBJECT", Field: "subject.commonName", Truncate: true},
	{Header: "ORGANIZATION", Field: "subject.organizationName", Truncate: true},
	{Header: "ISSUER", Field: "issuer.commonName", Truncate: true},
	{Header: "ISSUED", Field: "issueDateTime", Value: views.Date("issueDateTime")},
	{Header: "EXPIRES", Field: "expirationDateTime", Value: views.Date("expirationDateTime")},
	{Header: "FIRST SEEN", Field: "firstSeenDateTime", Value: views.Date("firstSeenDateTime")},
	{Header: "LAST SEEN", Field: "lastSeenDateTime", Value: views.Date("lastSeenDateTime")},
	{Header: "SHA1", Field: "sha1", Truncate: true},
	{Header: "ID", Field: "id", Truncate: true},
}

// CertView is one line (or a card) per certificate looked up by id.
var CertView = render.View{Columns: append([]render.Column{{Header: "QUERY", Field: "query", Truncate: true}}, certColumns...)}

// CertListView is one line per certificate of a search, which has no query column.
var CertListView = render.View{Columns: certColumns}
