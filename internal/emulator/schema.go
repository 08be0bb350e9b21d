package emulator

import "github.com/mdti-cli/mdti/internal/lazy"

// Property names per type, from the resource pages (resources.md). $select, $filter and
// $orderby are checked against these so that a misspelt property is a 400, as in Graph.
// Relationships are listed too: Graph lets $select name a navigation property (ports,
// host pairs) and $filter follow one (childHost/id).
var typeProperties = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{
		"hostname":                     {"id", "firstSeenDateTime", "lastSeenDateTime", "registrant", "registrar"},
		"ipAddress":                    {"id", "firstSeenDateTime", "lastSeenDateTime", "autonomousSystem", "countryOrRegion", "hostingProvider", "netblock"},
		"host":                         {"id", "firstSeenDateTime", "lastSeenDateTime", "registrant", "registrar", "autonomousSystem", "countryOrRegion", "hostingProvider", "netblock"},
		"hostReputation":               {"id", "classification", "rules", "score"},
		"passiveDnsRecord":             {"id", "collectedDateTime", "firstSeenDateTime", "lastSeenDateTime", "recordType", "artifact", "parentHost"},
		"whoisRecord":                  whoisProperties,
		"whoisHistoryRecord":           whoisProperties,
		"sslCertificate":               {"id", "expirationDateTime", "fingerprint", "firstSeenDateTime", "issueDateTime", "issuer", "lastSeenDateTime", "serialNumber", "sha1", "subject", "sslVersion", "relatedHosts"},
		"hostSslCertificate":           {"id", "firstSeenDateTime", "lastSeenDateTime", "ports", "host", "sslCertificate"},
		"hostPort":                     {"id", "banners", "firstSeenDateTime", "lastScanDateTime", "lastSeenDateTime", "port", "protocol", "services", "status", "timesObserved", "host", "mostRecentSslCertificate"},
		"hostComponent":                {"id", "category", "firstSeenDateTime", "lastSeenDateTime", "name", "version", "host"},
		"hostCookie":                   {"id", "domain", "firstSeenDateTime", "lastSeenDateTime", "name", "host"},
		"hostTracker":                  {"id", "firstSeenDateTime", "kind", "lastSeenDateTime", "value", "host"},
		"hostPair":                     {"id", "firstSeenDateTime", "lastSeenDateTime", "linkKind", "childHost", "parentHost"},
		"subdomain":                    {"id", "firstSeenDateTime", "host"},
		"article":                      {"id", "body", "createdDateTime", "isFeatured", "imageUrl", "lastUpdatedDateTime", "summary", "tags", "title", "indicators"},
		"articleIndicator":             {"id", "source", "artifact"},
		"intelligenceProfile":          {"id", "aliases", "countriesOrRegionsOfOrigin", "description", "firstActiveDateTime", "kind", "summary", "targets", "title", "tradecraft", "indicators"},
		"intelligenceProfileIndicator": {"id", "firstSeenDateTime", "lastSeenDateTime", "source", "artifact"},
		"vulnerability":                {"id", "activeExploitsObserved", "createdDateTime", "cvss2Summary", "cvss3Summary", "commonWeaknessEnumerationIds", "description", "exploits", "exploitsAvailable", "hasChatter", "lastModifiedDateTime", "priorityScore", "publishedDateTime", "references", "remediation", "severity", "articles", "components"},
		"vulnerabilityComponent":       {"id", "name"},
	}
}}

var whoisProperties = []string{"id", "abuse", "admin", "billing", "domainStatus", "expirationDateTime", "firstSeenDateTime", "lastSeenDateTime", "lastUpdateDateTime", "nameservers", "noc", "rawWhoisText", "registrant", "registrar", "registrationDateTime", "technical", "whoisServer", "zone", "host", "history"}

// typeInfo is what $select, $filter, $orderby and $expand are checked against.
type typeInfo struct {
	name      string   // e.g. "hostname", "alert"
	namespace string   // e.g. "microsoft.graph.security."
	props     []string // documented properties (relationships included)
	open      bool     // no property list: any name is accepted
}

// has reports whether the type documents prop.
func (t typeInfo) has(prop string) bool {
	if t.open {
		return true
	}
	for _, p := range t.props {
		if p == prop {
			return true
		}
	}
	return false
}

// qualified is the type's full name, e.g. microsoft.graph.security.hostname.
func (t typeInfo) qualified() string { return t.namespace + t.name }

// securityNS is the namespace of every threat-intelligence type and most security types.
const securityNS = "microsoft.graph.security."

// odataTypeOf is the @odata.type value of a threat-intelligence type name.
func odataTypeOf(typeName string) string { return "#" + securityNS + typeName }
