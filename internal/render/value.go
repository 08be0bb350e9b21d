package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Object is a decoded record handed to Column.Value. Nested objects are
// map[string]any, arrays []any and numbers json.Number (their literal text).
type Object map[string]any

// Lookup returns the value at a dotted path. A key that itself contains dots
// (such as "@odata.type") is matched whole before being split; a path through
// an array collects the value from each element, and a numeric segment
// indexes the array. Keys match as encoding/json matches struct fields (any
// case, the last match wins), so a view reads what the --fail-on gate read;
// o["key"] reads the exact key only (its value is the last match's, too).
func (o Object) Lookup(path string) (any, bool) {
	return lookupPath(map[string]any(o), strings.Split(path, "."))
}

// omap is a decoded JSON object that remembers its key order, so projections
// and YAML print keys in the order Graph sent them.
type omap struct {
	keys []string
	vals map[string]any
	// last maps each key's case fold to the key that came last with it, and
	// clash says two keys differ only in case. encoding/json, which decodes the
	// records the CLI's --fail-on gate reads, matches keys case-insensitively and
	// keeps the last match; lookups here do the same, so a record with both
	// "Classification" and "classification" shows the value the gate judged.
	last  map[string]string
	clash bool
}

func newOmap() *omap { return &omap{vals: map[string]any{}} }

func (m *omap) set(k string, v any) {
	if _, ok := m.vals[k]; !ok {
		m.keys = append(m.keys, k)
	}
	m.vals[k] = v
	if m.last == nil {
		m.last = map[string]string{}
	}
	f := foldKey(k)
	if prev, ok := m.last[f]; ok && prev != k {
		m.clash = true
	}
	m.last[f] = k
}

// key is the key a lookup of k resolves to, as encoding/json would resolve it
// for a struct field named k: the last key equal to k but for case.
func (m *omap) key(k string) (string, bool) {
	if _, ok := m.vals[k]; ok && !m.clash {
		return k, true
	}
	actual, ok := m.last[foldKey(k)]
	return actual, ok
}

// foldKey maps a key to a form that is the same for keys that are equal under
// Unicode simple case folding (what encoding/json compares by): each rune is
// replaced by the smallest rune of its folding orbit.
func foldKey(k string) string {
	ascii := true
	for i := 0; i < len(k); i++ {
		if k[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(k) // the smallest of a letter's orbit ('K' of k, K and the Kelvin sign)
	}
	var b strings.Builder
	for _, r := range k {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// decodeOrdered decodes one JSON value keeping object key order.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, invalidRecord(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalidRecord(errors.New("trailing data after the JSON value"))
	}
	return v, nil
}

func invalidRecord(err error) error {
	return errors.New("render: invalid JSON record: " + err.Error())
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	switch d {
	case '{':
		return decodeObject(dec)
	case '[':
		return decodeArray(dec)
	}
	return nil, errors.New("unexpected " + d.String())
}

func decodeObject(dec *json.Decoder) (any, error) {
	m := newOmap()
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		m.set(k, v)
	}
	_, err := dec.Token() // '}'
	return m, err
}

func decodeArray(dec *json.Decoder) (any, error) {
	a := []any{}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err := dec.Token() // ']'
	return a, err
}

// toPlain converts ordered values to the plain maps Column.Value expects.
func toPlain(v any) any {
	switch t := v.(type) {
	case *omap:
		m := make(map[string]any, len(t.keys))
		for _, k := range t.keys {
			actual, _ := t.key(k) // every case variant holds the value the last one has
			m[k] = toPlain(t.vals[actual])
		}
		return m
	case []any:
		a := make([]any, len(t))
		for i, e := range t {
			a[i] = toPlain(e)
		}
		return a
	}
	return v
}

// objectGet reads a key from either kind of decoded object, resolving it as
// encoding/json would (see omap.last); it returns the key it found.
func objectGet(v any, k string) (any, string, bool) {
	switch t := v.(type) {
	case *omap:
		actual, ok := t.key(k)
		return t.vals[actual], actual, ok
	case map[string]any:
		return plainGet(t, k)
	case Object:
		return plainGet(t, k)
	}
	return nil, "", false
}

// plainGet looks k up in a map from toPlain, where every case variant of a key
// already holds the same value, so any variant found will do.
func plainGet[M ~map[string]any](m M, k string) (any, string, bool) {
	if x, ok := m[k]; ok {
		return x, k, true
	}
	for actual, x := range m {
		if strings.EqualFold(actual, k) {
			return x, actual, true
		}
	}
	return nil, "", false
}

// matchKey finds the longest run of segments that names a key of v, so
// "@odata.type" is found whole, and returns the key as the object spells it.
func matchKey(v any, segs []string) (key string, rest []string, ok bool) {
	for i := len(segs); i >= 1; i-- {
		if _, actual, found := objectGet(v, strings.Join(segs[:i], ".")); found {
			return actual, segs[i:], true
		}
	}
	return "", nil, false
}

func lookupPath(v any, segs []string) (any, bool) {
	if len(segs) == 0 {
		return v, true
	}
	if arr, ok := v.([]any); ok {
		return lookupArray(arr, segs)
	}
	k, rest, ok := matchKey(v, segs)
	if !ok {
		return nil, false
	}
	x, _, _ := objectGet(v, k)
	return lookupPath(x, rest)
}

func lookupArray(arr []any, segs []string) (any, bool) {
	if idx, err := strconv.Atoi(segs[0]); err == nil {
		if idx < 0 || idx >= len(arr) {
			return nil, false
		}
		return lookupPath(arr[idx], segs[1:])
	}
	var out []any
	for _, e := range arr {
		if x, ok := lookupPath(e, segs); ok {
			out = append(out, x)
		}
	}
	return out, len(out) > 0
}

// cellText renders a value for a table or CSV cell: scalars as their text,
// objects as compact JSON, arrays of scalars as a comma list in tables (easy
// to read) and as compact JSON in CSV (easy to parse back).
func cellText(v any, csv bool) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		return strconv.FormatBool(t)
	case []any:
		if !csv && allScalars(t) {
			parts := make([]string, len(t))
			for i, e := range t {
				parts[i] = cellText(e, false)
			}
			return strings.Join(parts, ", ")
		}
	}
	return string(appendJSON(nil, v))
}

func allScalars(a []any) bool {
	for _, e := range a {
		switch e.(type) {
		case *omap, map[string]any, Object, []any:
			return false
		}
	}
	return true
}

// appendJSON encodes a decoded value compactly, keeping omap key order and
// without encoding/json's HTML escaping (this is not HTML).
func appendJSON(b []byte, v any) []byte {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, t)
	case json.Number:
		return append(b, t...)
	case bool:
		return strconv.AppendBool(b, t)
	case *omap:
		return appendObject(b, t.keys, func(k string) any { return t.vals[k] })
	case map[string]any:
		return appendObject(b, sortedKeys(t), func(k string) any { return t[k] })
	case Object:
		return appendObject(b, sortedKeys(t), func(k string) any { return t[k] })
	case []any:
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	}
	// Values a caller's code may have produced (int, float64…).
	enc, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, enc...)
}

func appendObject(b []byte, keys []string, get func(string) any) []byte {
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSON(b, get(k))
	}
	return append(b, '}')
}

func sortedKeys[M ~map[string]any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string. Control characters, DEL and C1
// controls are \u-escaped so JSON shown on a terminal cannot carry an escape
// sequence; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b = append(b, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
