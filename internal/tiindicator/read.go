package tiindicator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxInput bounds what Read takes in: a tenant holds at most 15,000 indicators for Defender
// for Endpoint, far below this.
const MaxInput = 64 << 20

// Record is one tiIndicator object of the input: its JSON exactly as given (sent as is),
// its 1-based position and the line it starts on, for messages.
type Record struct {
	N    int
	Line int
	JSON json.RawMessage

	offset int // of the record in the input
}

// Where names the record in messages: "record 3 (line 7)".
func (r Record) Where() string { return fmt.Sprintf("record %d (line %d)", r.N, r.Line) }

// ErrEmpty says the input held no tiIndicator object.
var ErrEmpty = errors.New("no tiIndicator objects in input")

// Read takes tiIndicator objects in one of three shapes and tells them apart by the first
// character that is not white space:
//   - '[': a JSON array of objects;
//   - '{': one object per line (JSONL) or any sequence of objects; a single object holding
//     only a "value" array (the body of submitTiIndicators) is unwrapped;
//   - anything else: CSV with a header row of property names (see readCSV).
//
// Errors name the record and line.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	if len(data) > MaxInput {
		return nil, fmt.Errorf("read indicators: input larger than %d MiB", MaxInput>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	start := skipSpace(data, 0)
	var recs []Record
	switch {
	case start == len(data):
		return nil, ErrEmpty
	case data[start] == '[':
		var end int
		recs, end, err = readArray(data, start)
		if end = skipSpace(data, end); err == nil && end != len(data) {
			return nil, fmt.Errorf("line %d: unexpected text after the array", lineAt(data, end))
		}
	case data[start] == '{':
		recs, err = readObjects(data, start)
	default:
		recs, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, ErrEmpty
	}
	return recs, nil
}

// readArray reads the JSON array of objects starting at data[start] and returns where it
// ends.
func readArray(data []byte, start int) ([]Record, int, error) {
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	if _, err := dec.Token(); err != nil { // '['
		return nil, 0, syntaxError(data, start, err, "the array")
	}
	var recs []Record
	for dec.More() {
		rec, err := decodeObject(dec, data, start, len(recs)+1)
		if err != nil {
			return nil, 0, err
		}
		recs = append(recs, rec)
	}
	end := skipSpace(data, start+int(dec.InputOffset()))
	if _, err := dec.Token(); err != nil { // ']'
		return nil, 0, syntaxError(data, end, err, "the array")
	}
	return recs, start + int(dec.InputOffset()), nil
}

// readObjects reads a sequence of objects: JSONL, or pretty-printed objects one after another.
func readObjects(data []byte, start int) ([]Record, error) {
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	var recs []Record
	for skipSpace(data, start+int(dec.InputOffset())) < len(data) {
		rec, err := decodeObject(dec, data, start, len(recs)+1)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	if len(recs) == 1 {
		return unwrapValue(data, recs[0])
	}
	return recs, nil
}

// decodeObject decodes the next value of dec, which reads data from byte base on and must
// give a JSON object.
func decodeObject(dec *json.Decoder, data []byte, base, n int) (Record, error) {
	at := skipSeparators(data, base+int(dec.InputOffset()))
	rec := Record{N: n, Line: lineAt(data, at), offset: at}
	if err := dec.Decode(&rec.JSON); err != nil {
		return rec, syntaxError(data, at, err, fmt.Sprintf("record %d", n))
	}
	if rec.JSON[0] != '{' {
		return rec, fmt.Errorf("%s: not a JSON object", rec.Where())
	}
	return rec, nil
}

// unwrapValue turns {"value": [ … ]} into its objects; any other object (no tiIndicator
// property is called "value") is one record.
func unwrapValue(data []byte, rec Record) ([]Record, error) {
	var body map[string]json.RawMessage
	if json.Unmarshal(rec.JSON, &body) != nil || len(body) != 1 || body["value"] == nil || body["value"][0] != '[' {
		return []Record{rec}, nil
	}
	// The value's bytes are a copy: find where the array starts in the input, after the key
	// (written plainly: an escaped key is left as one record).
	key := bytes.Index(rec.JSON, []byte(`"value"`))
	if key < 0 {
		return []Record{rec}, nil
	}
	key += len(`"value"`)
	recs, _, err := readArray(data, rec.offset+key+bytes.IndexByte(rec.JSON[key:], '['))
	return recs, err
}

// syntaxError says in lines where the JSON value starting at byte at went wrong. The
// Decoder's offsets shift by one with its look-ahead, so the value is checked again with
// json.Unmarshal, whose offset is the position just after the offending byte.
func syntaxError(data []byte, at int, err error, what string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: unexpected end of input", what)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		var v any
		if errors.As(json.Unmarshal(data[at:], &v), &se) {
			return fmt.Errorf("%s: line %d: invalid JSON: %w", what, lineAt(data, at+int(se.Offset)-1), se)
		}
		return fmt.Errorf("%s: invalid JSON: %w", what, err)
	}
	return fmt.Errorf("%s: invalid JSON: %w", what, err)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// skipSeparators also skips the comma between array elements.
func skipSeparators(data []byte, i int) int {
	i = skipSpace(data, i)
	if i < len(data) && data[i] == ',' {
		i = skipSpace(data, i+1)
	}
	return i
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}
