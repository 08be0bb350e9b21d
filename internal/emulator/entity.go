package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// entity is one Graph object as written in a data file: its properties in their written order
// (so responses read like the documentation examples), their raw JSON for output and their
// decoded values for $filter, $orderby and $search. Keys starting with "_" are internal links
// between data files and never leave the emulator.
type entity struct {
	keys   []string
	raw    map[string]json.RawMessage
	fields map[string]any
	meta   map[string]any
}

// parseEntity reads one JSON object keeping its key order.
func parseEntity(b []byte) (*entity, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("entity is not a JSON object")
	}
	e := &entity{raw: map[string]json.RawMessage{}, fields: map[string]any{}, meta: map[string]any{}}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("read key: %w", err)
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("read %q: %w", key, err)
		}
		var val any
		if err := json.Unmarshal(raw, &val); err != nil {
			return nil, fmt.Errorf("decode %q: %w", key, err)
		}
		if strings.HasPrefix(key, "_") {
			e.meta[key] = val
			continue
		}
		e.set(key, compact(raw), val)
	}
	return e, nil
}

func compact(raw []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return raw
	}
	return buf.Bytes()
}

// set adds or replaces a property, keeping the position of an existing key.
func (e *entity) set(key string, raw json.RawMessage, val any) {
	if _, ok := e.raw[key]; !ok {
		e.keys = append(e.keys, key)
	}
	e.raw[key] = raw
	e.fields[key] = val
}

// setValue replaces a property with a Go value.
func (e *entity) setValue(key string, val any) {
	raw, err := json.Marshal(val)
	if err != nil {
		return
	}
	var decoded any
	_ = json.Unmarshal(raw, &decoded)
	e.set(key, raw, decoded)
}

// ensureType makes @odata.type the first property when the data file left it out.
func (e *entity) ensureType(odataType string) {
	if _, ok := e.raw["@odata.type"]; ok {
		return
	}
	e.set("@odata.type", json.RawMessage(`"`+odataType+`"`), odataType)
	copy(e.keys[1:], e.keys[:len(e.keys)-1])
	e.keys[0] = "@odata.type"
}

// clone copies the entity so a version-specific transform cannot leak into the other version.
func (e *entity) clone() *entity {
	c := &entity{keys: append([]string(nil), e.keys...), raw: map[string]json.RawMessage{}, fields: map[string]any{}, meta: e.meta}
	for k, v := range e.raw {
		c.raw[k] = v
		c.fields[k] = e.fields[k]
	}
	return c
}

func (e *entity) id() string {
	s, _ := e.fields["id"].(string)
	return s
}

func (e *entity) odataType() string {
	s, _ := e.fields["@odata.type"].(string)
	return s
}

// metaString returns an internal link such as "_article".
func (e *entity) metaString(key string) string {
	s, _ := e.meta[key].(string)
	return s
}

// navID returns the id of a navigation stub such as "host": {"id": "contoso.com"}.
func (e *entity) navID(prop string) string {
	m, _ := e.fields[prop].(map[string]any)
	s, _ := m["id"].(string)
	return s
}

// appendJSON writes the entity; with a selection only @odata.type and the selected
// properties are written.
func (e *entity) appendJSON(buf []byte, sel map[string]bool) []byte {
	buf = append(buf, '{')
	first := true
	for _, k := range e.keys {
		if sel != nil && k != "@odata.type" && !sel[k] {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = appendJSONString(buf, k)
		buf = append(buf, ':')
		buf = append(buf, e.raw[k]...)
	}
	return append(buf, '}')
}

// appendJSONString quotes s as a JSON string.
func appendJSONString(buf []byte, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		return append(buf, `""`...)
	}
	return append(buf, b...)
}

// lookup follows a property path like "childHost/id" through decoded values.
func (e *entity) lookup(path []string) (any, bool) {
	var cur any = e.fields
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = m[p]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}
