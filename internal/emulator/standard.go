package emulator

import (
	"bytes"
	"encoding/json"
)

// The data files hold the documentation's examples as written. Three of their spellings
// differ from the resource tables that Microsoft's SDKs are generated from; by default the
// emulator serves the resource tables' form, and Options.DocsLiteral keeps the examples'.
// (The fourth quirk, beta vulnerability booleans as strings, is betaVulnerabilities; the
// fifth, the {"value": {...}} wrapper, is resource.wrap.)
var literalTypes = []struct{ literal, standard []byte }{
	// The hostSslCertificate example's spelling of the hostname type.
	{[]byte(`"#microsoft.graph.security.hostName"`), []byte(`"#microsoft.graph.security.hostname"`)},
	// The beta intelProfiles example names the property instead of the complex type.
	{[]byte(`"microsoft.graph.security.countriesOrRegionsOfOrigin"`), []byte(`"microsoft.graph.security.intelligenceProfileCountryOrRegionOfOrigin"`)},
}

// standardForms returns the rows with the resource tables' names: certificate subject and
// issuer carry alternateNames (the examples write alternateName), and @odata.type spells
// hostname in lower case at any depth (and the complex type of countriesOrRegionsOfOrigin
// is named as the table names it).
func standardForms(list []*entity) []*entity {
	out := make([]*entity, len(list))
	for i, e := range list {
		out[i] = standardEntity(e)
	}
	return out
}

func standardEntity(e *entity) *entity {
	c := e.clone()
	for _, k := range c.keys {
		raw := c.raw[k]
		for _, lt := range literalTypes {
			if bytes.Contains(raw, lt.literal) {
				raw = bytes.ReplaceAll(raw, lt.literal, lt.standard)
			}
		}
		if k == "subject" || k == "issuer" {
			raw = renameMember(raw, "alternateName", "alternateNames")
		}
		if !bytes.Equal(raw, c.raw[k]) {
			var v any
			if json.Unmarshal(raw, &v) == nil {
				c.set(k, raw, v)
			}
		}
	}
	if c.odataType() == "#microsoft.graph.security.hostName" {
		c.setValue("@odata.type", "#microsoft.graph.security.hostname")
	}
	return c
}

// renameMember renames a top-level member of a JSON object, keeping the member order.
func renameMember(raw json.RawMessage, from, to string) json.RawMessage {
	if !bytes.Contains(raw, []byte(`"`+from+`"`)) {
		return raw
	}
	sub, err := parseEntity(raw)
	if err != nil {
		return raw
	}
	if _, ok := sub.raw[from]; !ok {
		return raw
	}
	for i, k := range sub.keys {
		if k == from {
			sub.keys[i] = to
		}
	}
	sub.raw[to], sub.fields[to] = sub.raw[from], sub.fields[from]
	delete(sub.raw, from)
	delete(sub.fields, from)
	return sub.appendJSON(nil, nil)
}
