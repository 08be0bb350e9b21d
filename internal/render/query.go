package render

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// WithQuery returns a copy of rec with "query" as its first key, replacing
// any "query" the record already had, so a reader sees first which input a
// record answers. Values keep their bytes. A rec that is not a JSON object
// is returned unchanged (copied): there is no place to put the key.
//
// A top-level "error" member the server sent (in any case) is renamed
// ServerErrorKey: a record with "query" and "error" is mdti's in-band record of
// a failed input (docs/reference.md §3), and an answer must not look like one.
func WithQuery(rec []byte, query string) []byte {
	if out, ok := spliceQuery(rec, query); ok {
		return out
	}
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
		if strings.EqualFold(key, "error") {
			key = ServerErrorKey
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

// spliceQuery is WithQuery's fast path, taken by every record of a million-record stream:
// a compact, valid object with no "query" key anywhere (what the Graph client hands over)
// gets the key spliced in after its brace, without decoding it.
func spliceQuery(rec []byte, query string) ([]byte, bool) {
	if len(rec) < 2 || rec[0] != '{' || bytes.Contains(rec, []byte(`"query"`)) || mentionsError(rec) || !isCompact(rec) || !json.Valid(rec) {
		return nil, false
	}
	rest := rec[1:]
	out := make([]byte, 0, len(rec)+len(query)+12)
	out = append(out, `{"query":`...)
	out = appendJSONString(out, query)
	if rest[0] != '}' {
		out = append(out, ',')
	}
	return append(out, rest...), true
}

// ServerErrorKey is what WithQuery and PrependQuery rename a record's own
// top-level "error" member to.
const ServerErrorKey = "serverError"

// mentionsError reports whether rec holds the string "error" in any case
// anywhere (a key or a value): only such a record can need the rename, and the
// check is one pass over the quotes.
func mentionsError(rec []byte) bool {
	const word = `"error"`
	for i := 0; ; {
		j := bytes.IndexByte(rec[i:], '"')
		if j < 0 || i+j+len(word) > len(rec) {
			return false
		}
		i += j
		if bytes.EqualFold(rec[i:i+len(word)], []byte(word)) {
			return true
		}
		i++
	}
}

// PrependQuery is WithQuery for records known to be valid, compact JSON objects, as the
// Graph client hands them over: it splices "query" in without checking the record again.
// A record that mentions "query" or "error" anywhere takes WithQuery's full path.
func PrependQuery(rec []byte, query string) []byte {
	if len(rec) < 2 || rec[0] != '{' || bytes.Contains(rec, []byte(`"query"`)) || mentionsError(rec) {
		return WithQuery(rec, query)
	}
	out := make([]byte, 0, len(rec)+len(query)+12)
	out = append(out, `{"query":`...)
	out = appendJSONString(out, query)
	if rec[1] != '}' {
		out = append(out, ',')
	}
	return append(out, rec[1:]...)
}
