package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/itchyny/gojq"
)

var errInvalidJSON = errors.New("not valid JSON")

// compileJQ parses and compiles --jq once, so a bad expression is a usage
// error before any request is made. No environment loader is given: $ENV in
// a shared script must not read the caller's secrets.
func compileJQ(expr string) (*gojq.Code, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, nil
	}
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, usageErrorf("invalid --jq expression: %v", err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, usageErrorf("invalid --jq expression: %v", err)
	}
	return code, nil
}

// decodePlain decodes a record for jq, keeping numbers as json.Number so
// large integers survive.
func decodePlain(rec []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(rec))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, invalidRecord(err)
	}
	if dec.More() {
		return nil, invalidRecord(errors.New("trailing data after the JSON value"))
	}
	return v, nil
}

// maxJQResult bounds the output of one --jq result: `"x" | recurse(. + .)` must
// end with an error, not take all memory. Results are written as they come, so
// only one is ever held.
var maxJQResult = 64 << 20 // a variable so a test can lower it

// JQFlagHelp is what --jq's help should say about memory: with json, yaml, table
// or csv output the program runs once over the whole array, which is held in
// memory; jsonl runs it on each record as it arrives.
const JQFlagHelp = "jq program over the output (json/yaml/table/csv: over the whole array, held in memory, at most 256 MiB of records; jsonl: per record, streamed)"

// runJQ runs code over v and writes each result on its own line as it comes:
// strings raw (as gh and jq -r do), everything else as compact JSON or YAML.
// Cancelling ctx stops the program (Ctrl-C on `range(1e9)`).
func runJQ(ctx context.Context, w io.Writer, code *gojq.Code, v any, asYAML, tty bool) error {
	iter := code.RunWithContext(ctx, v)
	var buf bytes.Buffer
	for {
		x, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := x.(error); ok {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil
			}
			return fmt.Errorf("jq: %w", err)
		}
		if sizeOver(x, maxJQResult) {
			return fmt.Errorf("jq: a result is larger than %d MiB: refusing to print it", maxJQResult>>20)
		}
		buf.Reset()
		if err := appendResult(&buf, x, asYAML, tty); err != nil {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
}

// sizeOver reports whether x would encode to more than limit bytes, roughly
// (numbers and escapes are estimated) and without encoding it: it stops
// counting at the limit, so a value that shares its parts (`[., .]` nested
// 60 deep) costs no more than limit to measure.
func sizeOver(x any, limit int) bool {
	budget := limit
	var walk func(any) bool
	walk = func(x any) bool {
		switch t := x.(type) {
		case string:
			budget -= len(t) + 2
		case map[string]any:
			budget -= 2
			for k, e := range t {
				budget -= len(k) + 4
				if budget < 0 || walk(e) {
					return true
				}
			}
		case []any:
			budget -= 2
			for _, e := range t {
				budget--
				if budget < 0 || walk(e) {
					return true
				}
			}
		default:
			budget -= 8
		}
		return budget < 0
	}
	return walk(x)
}

func appendResult(buf *bytes.Buffer, x any, asYAML, tty bool) error {
	if s, ok := x.(string); ok {
		if tty {
			s = sanitize(s, true) // raw text on a terminal: no escapes
		}
		buf.WriteString(s)
		buf.WriteByte('\n')
		return nil
	}
	if asYAML {
		b, err := encodeYAML(toNode(x))
		if err != nil {
			return err
		}
		buf.Write(b)
		return nil
	}
	b, err := gojq.Marshal(x)
	if err != nil {
		return fmt.Errorf("jq: %w", err)
	}
	b = validUTF8(b) // bidi controls as \u escapes, as in json output
	if tty {
		b = escapeC1(b)
	}
	buf.Write(b)
	buf.WriteByte('\n')
	return nil
}

// appendJSONNumber formats one of gojq's number types as jq would.
func appendJSONNumber(b []byte, v any) []byte {
	enc, err := gojq.Marshal(v)
	if err != nil {
		return append(b, '0')
	}
	return append(b, enc...)
}

// maxJQDocBytes bounds the records jqDocSink holds: a program over the whole
// array needs all of it, and a million-record --all must fail with advice, not
// take gigabytes. A variable so a test can lower it.
var maxJQDocBytes = 256 << 20

// jqDocSink collects the document json/yaml would print and runs --jq over
// it once at close.
type jqDocSink struct {
	ctx    context.Context
	w      io.Writer
	code   *gojq.Code
	yaml   bool
	single bool
	tty    bool
	docs   []any
	size   int // bytes of the records held
}

func (s *jqDocSink) add(rec []byte) error {
	s.size += len(rec)
	if s.size > maxJQDocBytes {
		return fmt.Errorf("jq: over %d MiB of records: -o json --jq runs over the whole array in memory; use -o jsonl --jq, which runs on each record", maxJQDocBytes>>20)
	}
	v, err := decodePlain(rec)
	if err != nil {
		return err
	}
	s.docs = append(s.docs, v)
	return nil
}

func (s *jqDocSink) close() error {
	var doc any = append([]any{}, s.docs...)
	if s.single && len(s.docs) == 1 {
		doc = s.docs[0]
	}
	s.docs = nil
	return runJQ(s.ctx, s.w, s.code, doc, s.yaml, s.tty)
}

// jqLineSink runs --jq over each JSONL record as it arrives.
type jqLineSink struct {
	ctx  context.Context
	w    io.Writer
	code *gojq.Code
	tty  bool
}

func (s *jqLineSink) add(rec []byte) error {
	v, err := decodePlain(rec)
	if err != nil {
		return err
	}
	return runJQ(s.ctx, s.w, s.code, v, false, s.tty)
}

func (s *jqLineSink) close() error { return nil }
