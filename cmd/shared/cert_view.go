package shared

import (
	"github.com/mdti-cli/mdti/internal/render"
)

// certColumns describe an sslCertificate: who it names, who signed it, when it was valid
// and seen, and the hash analysts search for.
var certColumns = []render.Column{
	{Header: "SUBJECT", Field: "subject.commonName", Truncate: true, Answer: true, MinWidth: 16},
	{Header: "ORGANIZATION", ShortHeader: "ORG", Field: "subject.organizationName", Truncate: true},
	{Header: "ISSUER", Field: "issuer.commonName", Truncate: true},
	DateColumn("ISSUED", "", "issueDateTime", PriorityDate),
	DateColumn("EXPIRES", "", "expirationDateTime", 0),
	DateColumn("FIRST SEEN", "FIRST", "firstSeenDateTime", PriorityDate),
	DateColumn("LAST SEEN", "LAST", "lastSeenDateTime", PriorityDate),
	{Header: "SHA1", Field: "sha1", Truncate: true, Priority: PriorityDate},
	IDColumn("id"),
}

// CertView is one line (or a card) per certificate looked up by id.
var CertView = render.View{Columns: WithQuery(certColumns...), Properties: WithQueryProperty(CertProperties...)}

// CertListView is one line per certificate of a search, which has no query column.
var CertListView = render.View{Columns: certColumns, Properties: CertProperties}

// CertProperties are an sslCertificate's documented properties.
var CertProperties = []string{"@odata.type", "id", "firstSeenDateTime", "lastSeenDateTime", "fingerprint", "sslVersion", "expirationDateTime", "issueDateTime", "sha1", "serialNumber", "subject", "issuer"}
