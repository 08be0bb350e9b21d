package graph

import "bytes"

// Microsoft's documentation examples, and so possibly Graph itself, spell a few things
// differently from the resource tables: certificate subject/issuer "alternateName"
// (table: alternateNames), "#microsoft.graph.security.hostName" (table: hostname), the beta
// profile's countriesOrRegionsOfOrigin item type, and beta vulnerability Booleans as
// strings ("hasChatter": "true"). standardForms rewrites them into the tables' form so
// records, and everything printed from them, do not depend on which form was sent.

// literalTypes are @odata.type values as the examples write them, with the tables' names.
var literalTypes = []struct{ literal, standard []byte }{
	{[]byte(`"#microsoft.graph.security.hostName"`), []byte(`"#microsoft.graph.security.hostname"`)},
	{[]byte(`"microsoft.graph.security.countriesOrRegionsOfOrigin"`), []byte(`"microsoft.graph.security.intelligenceProfileCountryOrRegionOfOrigin"`)},
}

var (
	// literalAlternateName is the member name; in compact JSON a quote followed by a
	// colon ends a member name, never a string value (whose quotes are escaped).
	literalAlternateName  = []byte(`"alternateName":`)
	standardAlternateName = []byte(`"alternateNames":`)
	// vulnerabilityBooleans are vulnerability's Boolean properties (security-vulnerability.md).
	vulnerabilityBooleans = []string{"hasChatter", "exploitsAvailable", "activeExploitsObserved"}
)

// standardForms returns b, a compact JSON object, with the examples' spellings replaced;
// b itself when there is nothing to replace, which is nearly always (this runs per record).
func standardForms(b []byte) []byte {
	for _, lt := range literalTypes {
		if bytes.Contains(b, lt.literal) {
			b = bytes.ReplaceAll(b, lt.literal, lt.standard)
		}
	}
	if bytes.Contains(b, literalAlternateName) {
		b = bytes.ReplaceAll(b, literalAlternateName, standardAlternateName)
	}
	for _, name := range vulnerabilityBooleans {
		b = unquoteBoolean(b, name)
	}
	return b
}

// unquoteBoolean turns "name":"true" into "name":true (and false likewise).
func unquoteBoolean(b []byte, name string) []byte {
	member := []byte(`"` + name + `":"`)
	if !bytes.Contains(b, member) {
		return b
	}
	for _, v := range []string{"true", "false"} {
		b = bytes.ReplaceAll(b, []byte(`"`+name+`":"`+v+`"`), []byte(`"`+name+`":`+v))
	}
	return b
}
