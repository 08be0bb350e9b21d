package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// NormalizeEntity turns a single-entity response body into a record:
// compact, @odata annotations other than @odata.type removed, the
// documentation examples' {"value": {...}} wrapper removed when "value" is
// the only non-annotation property and holds an object (hostTracker has a
// real string "value"), and the examples' other spellings turned into the
// resource tables' (standardForms), so a record is the same whichever form
// Graph sent. Get applies it; callers of Batch apply it to entity bodies
// themselves.
func NormalizeEntity(body []byte) (json.RawMessage, error) {
	obj, err := compactObject(body)
	if err != nil {
		return nil, err
	}
	obj = stripAnnotations(obj)
	if inner, ok := betaValue(obj); ok {
		return standardForms(inner), nil
	}
	return standardForms(obj), nil
}

func compactObject(body []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, fmt.Errorf("%w: %w", errDecode, errNotObject)
	}
	var buf bytes.Buffer
	buf.Grow(len(trimmed))
	if err := json.Compact(&buf, trimmed); err != nil {
		return nil, fmt.Errorf("%w: %w", errDecode, err)
	}
	return buf.Bytes(), nil
}

// betaValue returns the object inside {"value": {...}} when value is the
// only property besides annotations.
func betaValue(obj []byte) (json.RawMessage, bool) {
	if !bytes.Contains(obj, []byte(`"value":{`)) {
		return nil, false // cheap exit for the common case
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(obj, &m) != nil {
		return nil, false
	}
	for k := range m {
		if k != "value" && !bytes.HasPrefix([]byte(k), []byte("@")) {
			return nil, false
		}
	}
	v, ok := m["value"]
	if !ok || len(v) == 0 || v[0] != '{' {
		return nil, false
	}
	return v, true
}

// compactItem returns a one-line copy of a collection item with annotations
// stripped. Items are copied only when they need to change, since this runs
// once per record on histories of a million records.
func compactItem(raw []byte) ([]byte, error) {
	if hasOuterSpace(raw) {
		var buf bytes.Buffer
		buf.Grow(len(raw))
		if err := json.Compact(&buf, raw); err != nil {
			return nil, fmt.Errorf("%w: %w", errDecode, err)
		}
		raw = buf.Bytes()
	}
	return standardForms(stripAnnotations(raw)), nil
}

var (
	odataPrefix = []byte(`"@odata.`)
	odataType   = []byte(`"@odata.type"`)
)

// hasStrippable reports whether b mentions an @odata.* name other than
// @odata.type; only then is the byte scan of stripAnnotations needed.
func hasStrippable(b []byte) bool {
	for {
		i := bytes.Index(b, odataPrefix)
		if i < 0 {
			return false
		}
		if !bytes.HasPrefix(b[i:], odataType) {
			return true
		}
		b = b[i+len(odataPrefix):]
	}
}

// stripAnnotations removes every object member whose name starts with
// "@odata." except "@odata.type", at any depth, keeping all other bytes as
// they were. b must be valid, compact JSON: there a string directly
// followed by ':' is always a member name.
func stripAnnotations(b []byte) []byte {
	if !hasStrippable(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '"' {
			out = append(out, b[i])
			i++
			continue
		}
		end := stringEnd(b, i)
		if end < len(b) && b[end] == ':' && isDroppedName(b[i:end]) {
			out, i = dropMember(b, out, end+1)
			continue
		}
		out = append(out, b[i:end]...)
		i = end
	}
	return out
}

// dropMember skips the value starting at v and one comma next to the
// member, so the object stays valid.
func dropMember(b, out []byte, v int) ([]byte, int) {
	next := valueEnd(b, v)
	if next < len(b) && b[next] == ',' {
		return out, next + 1
	}
	if n := len(out); n > 0 && out[n-1] == ',' {
		out = out[:n-1]
	}
	return out, next
}

func isDroppedName(quoted []byte) bool {
	return bytes.HasPrefix(quoted, odataPrefix) && !bytes.Equal(quoted, odataType)
}

// stringEnd returns the index just past the string starting at b[i] == '"'.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// valueEnd returns the index just past the JSON value starting at b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); {
			switch b[j] {
			case '"':
				j = stringEnd(b, j)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
			j++
		}
		return len(b)
	default:
		j := i
		for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' {
			j++
		}
		return j
	}
}
