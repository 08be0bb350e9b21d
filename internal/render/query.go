package render

import (
	"bytes"
	"encoding/json"
	"io"
)

// WithQuery returns a copy of rec with "query" as its first key, replacing
// any "query" the record already had, so a reader sees first which input a
// record answers. Values keep their bytes. A rec that is not a JSON object
// is returned unchanged (copied): there is no place to put the key.
func WithQuery(rec []byte, query string) []byte {
	dec := json.NewDecoder(bytes.NewReader(rec))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return bytes.Clone(rec)
	}
	out := make([]byte, 0, len(rec)+len(query)+12)
	out = append(out, `{"query":`...)
	out = appendJSONString(out, query)
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		var raw json.RawMessage
		if err != nil || !ok || dec.Decode(&raw) != nil {
			return bytes.Clone(rec)
		}
		if key == "query" {
			continue
		}
		out = append(out, ',')
		out = appendJSONString(out, key)
		out = append(out, ':')
		out = append(out, raw...)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return bytes.Clone(rec)
	}
	if _, err := dec.Token(); err != io.EOF { // nothing may follow it
		return bytes.Clone(rec)
	}
	return append(out, '}')
}
