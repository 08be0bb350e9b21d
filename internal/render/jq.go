package render

import (
	"bytes"
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

// runJQ runs code over v and writes each result on its own line: strings
// raw (as gh and jq -r do), everything else as compact JSON or YAML.
func runJQ(w io.Writer, code *gojq.Code, v any, asYAML, tty bool) error {
	iter := code.Run(v)
	var buf bytes.Buffer
	for {
		x, ok := iter.Next()
		if !ok {
			break
		}
		if err, ok := x.(error); ok {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				break
			}
			return fmt.Errorf("jq: %w", err)
		}
		if err := appendResult(&buf, x, asYAML, tty); err != nil {
			return err
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
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

// jqDocSink collects the document json/yaml would print and runs --jq over
// it once at close.
type jqDocSink struct {
	w      io.Writer
	code   *gojq.Code
	yaml   bool
	single bool
	tty    bool
	docs   []any
}

func (s *jqDocSink) add(rec []byte) error {
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
	return runJQ(s.w, s.code, doc, s.yaml, s.tty)
}

// jqLineSink runs --jq over each JSONL record as it arrives.
type jqLineSink struct {
	w    io.Writer
	code *gojq.Code
	tty  bool
}

func (s *jqLineSink) add(rec []byte) error {
	v, err := decodePlain(rec)
	if err != nil {
		return err
	}
	return runJQ(s.w, s.code, v, false, s.tty)
}

func (s *jqLineSink) close() error { return nil }
