package graph

import "bytes"

// Microsoft's documentation examples, and so possibly Graph itself, spell a few things
// differently from the resource tables: certificate subject/issuer "alternateName"
// (table: alternateNames), "#microsoft.graph.security.hostName" (table: hostname), the beta
// profile's countriesOrRegionsOfOrigin item type, and beta vulnerability Booleans as
// strings ("hasChatter": "true"). standardForms rewrites them into the tables' form so
// records, and everything printed from them, do not depend on which form was sent.

// literalType is an @odata.type value as the examples write it, with the table's name.
type literalType struct{ literal, standard []byte }

var (
	literalHostType   = literalType{[]byte(`"#microsoft.graph.security.hostName"`), []byte(`"#microsoft.graph.security.hostname"`)}
	literalOriginType = literalType{[]byte(`"microsoft.graph.security.countriesOrRegionsOfOrigin"`), []byte(`"microsoft.graph.security.intelligenceProfileCountryOrRegionOfOrigin"`)}
	// literalAlternateName is the member name; in compact JSON a quote followed by a
	// colon ends a member name, never a string value (whose quotes are escaped).
	literalAlternateName = literalType{[]byte(`"alternateName":`), []byte(`"alternateNames":`)}
	// stringBooleans are vulnerability's Boolean properties (security-vulnerability.md)
	// written as strings, with their Boolean form.
	stringBooleans = func() []literalType {
		var out []literalType
		for _, name := range []string{"hasChatter", "exploitsAvailable", "activeExploitsObserved"} {
			for _, v := range []string{"true", "false"} {
				out = append(out, literalType{[]byte(`"` + name + `":"` + v + `"`), []byte(`"` + name + `":` + v)})
			}
		}
		return out
	}()
)

// Cheap tests that rule a record out, since this runs once per record on histories of a
// million records: each starts with a byte that is rare in JSON (an upper-case letter), so
// the search skips ahead quickly. `Name"` covers hostName and alternateName.
var (
	mayHaveName    = []byte(`Name"`)
	mayHaveOrigin  = []byte(`OfOrigin"`)
	mayHaveBoolean = [][]byte{[]byte(`Chatter":"`), []byte(`Available":"`), []byte(`Observed":"`)}
)

// standardForms returns b, a compact JSON object, with the examples' spellings replaced;
// b itself when there is nothing to replace, which is nearly always.
func standardForms(b []byte) []byte {
	if bytes.Contains(b, mayHaveName) {
		b = literalHostType.replace(b)
		b = literalAlternateName.replace(b)
	}
	if bytes.Contains(b, mayHaveOrigin) {
		b = literalOriginType.replace(b)
	}
	for _, probe := range mayHaveBoolean {
		if bytes.Contains(b, probe) {
			for _, lt := range stringBooleans {
				b = lt.replace(b)
			}
			break
		}
	}
	return b
}

func (lt literalType) replace(b []byte) []byte {
	if !bytes.Contains(b, lt.literal) {
		return b
	}
	return bytes.ReplaceAll(b, lt.literal, lt.standard)
}
