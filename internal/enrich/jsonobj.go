package enrich

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// object is a decoded JSON object. Evidence arrives in camelCase as the resource tables
// say, but some documented examples use PascalCase (cloudLogonSessionEvidence's JSON
// representation prints "SessionId", "Account"…), so lookups fall back to any case.
type object map[string]any

func decodeObject(data []byte) (object, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	o, ok := v.(map[string]any)
	return o, ok
}

// get returns the property name, matched exactly or else in any case.
func (o object) get(name string) (any, bool) {
	if v, ok := o[name]; ok {
		return v, true
	}
	for k, v := range o {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// text returns a property that should be an identifier: a string, or a number written as
// one (incidentId "28282" is a string in the examples but an integer on some pages).
func (o object) text(name string) string {
	v, _ := o.get(name)
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// asObject accepts both decoded forms of a JSON object.
func asObject(v any) (object, bool) {
	switch v := v.(type) {
	case map[string]any:
		return v, true
	case object:
		return v, true
	}
	return nil, false
}

// odataType is the type name of an object without namespace or "#", e.g. "ipEvidence".
func (o object) odataType() string {
	t := o.text("@odata.type")
	t = strings.TrimPrefix(t, "#")
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}
