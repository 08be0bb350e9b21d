package render

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// jsonSink streams an indented JSON array: "[" before the first record, the
// records as received (only re-indented), "]" at close. With Single the first
// record is held back, because one record prints bare and two print an array.
type jsonSink struct {
	w       io.Writer
	single  bool
	tty     bool
	n       int    // records added
	emitted int    // records written
	held    []byte // the first record while Single decides the shape
	buf     bytes.Buffer
}

func (s *jsonSink) add(rec []byte) error {
	s.n++
	if s.single && s.n == 1 {
		if !json.Valid(rec) {
			return invalidRecord(errInvalidJSON)
		}
		s.held = append([]byte(nil), rec...)
		return nil
	}
	if s.held != nil {
		held := s.held
		s.held = nil
		if err := s.emit(held); err != nil {
			return err
		}
	}
	return s.emit(rec)
}

func (s *jsonSink) emit(rec []byte) error {
	s.buf.Reset()
	if s.emitted == 0 {
		s.buf.WriteString("[\n  ")
	} else {
		s.buf.WriteString(",\n  ")
	}
	if err := indent(&s.buf, rec, "  "); err != nil {
		return err
	}
	s.emitted++
	return s.write()
}

func (s *jsonSink) close() error {
	s.buf.Reset()
	switch {
	case s.held != nil:
		if err := indent(&s.buf, s.held, ""); err != nil {
			return err
		}
		s.buf.WriteByte('\n')
	case s.emitted == 0:
		s.buf.WriteString("[]\n")
	default:
		s.buf.WriteString("\n]\n")
	}
	return s.write()
}

// maxIndentDepth is the deepest nesting printed indented. Indentation grows with
// depth, so a 10,000-level record indented would be hundreds of megabytes of
// spaces; a record nested deeper is printed compact, on one line (YAML: its
// deeper levels in flow style).
const maxIndentDepth = 64

// indent writes rec indented by two spaces a level after prefix, or compact
// when it is nested deeper than maxIndentDepth.
func indent(buf *bytes.Buffer, rec []byte, prefix string) error {
	var err error
	if depthOver(rec, maxIndentDepth) {
		err = json.Compact(buf, rec)
	} else {
		err = json.Indent(buf, rec, prefix, "  ")
	}
	if err != nil {
		return invalidRecord(err)
	}
	return nil
}

// depthOver reports whether the JSON in b nests objects and arrays more than
// limit deep, stopping at the first place it does.
func depthOver(b []byte, limit int) bool {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			if depth++; depth > limit {
				return true
			}
		case '}', ']':
			depth--
		}
	}
	return false
}

func (s *jsonSink) write() error {
	b := s.buf.Bytes()
	if s.tty {
		b = escapeC1(b)
	}
	_, err := s.w.Write(b)
	return err
}

// jsonlSink writes each record compacted on its own line. This path carries
// the million-record --all exports, so it never decodes: a record that is
// already compact (Graph sends compact JSON) is written as is after one
// byte scan; anything else goes through json.Compact into a reused buffer,
// which also validates it.
type jsonlSink struct {
	w   io.Writer
	tty bool
	buf bytes.Buffer
}

func (s *jsonlSink) add(rec []byte) error {
	s.buf.Reset()
	if isCompact(rec) {
		s.buf.Write(rec)
	} else if err := json.Compact(&s.buf, rec); err != nil {
		return invalidRecord(err)
	}
	s.buf.WriteByte('\n')
	b := s.buf.Bytes()
	if s.tty {
		b = escapeC1(b)
	}
	_, err := s.w.Write(b)
	return err
}

// isCompact reports whether rec is a single JSON object or array with no
// whitespace outside strings and no raw control bytes inside them, so it is
// one line as it stands. It checks structure (strings, escapes, bracket
// balance), not every token: records reach the printer from Graph's decoder,
// and what it guards is JSONL's one-record-per-line shape. Anything it is
// unsure of falls back to json.Compact.
func isCompact(rec []byte) bool {
	if len(rec) < 2 || (rec[0] != '{' && rec[0] != '[') {
		return false
	}
	depth := 0
	for i := 0; i < len(rec); i++ {
		switch rec[i] {
		case '"':
			if i = skipJSONString(rec, i+1); i < 0 {
				return false
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 && i != len(rec)-1 {
				return false
			}
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return depth == 0
}

// plainInString marks the bytes a string can hold without a closer look:
// everything but the quote, the backslash and control bytes.
var plainInString = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// skipJSONString returns the index of the quote closing the string that
// starts at i, or -1 when it is unterminated or holds a control byte.
func skipJSONString(rec []byte, i int) int {
	for i < len(rec) {
		for i < len(rec) && plainInString[rec[i]] {
			i++
		}
		if i >= len(rec) || rec[i] < 0x20 {
			return -1
		}
		if rec[i] == '"' {
			return i
		}
		i += 2 // a backslash and the byte it escapes
	}
	return -1
}

func (s *jsonlSink) close() error { return nil }

// escapeC1 rewrites raw DEL, C1 controls and bidi overrides (all legal
// unescaped in JSON strings) as \u escapes, so JSON shown on a terminal
// cannot smuggle a control sequence or reorder the text. Valid JSON has them
// only inside strings, so the result is the same JSON.
func escapeC1(b []byte) []byte {
	if !mayNeedEscape(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
			out = append(out, '\\', 'u',
				hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// mayNeedEscape is escapeC1's fast path: it looks only for the lead bytes
// of the runes escapeC1 rewrites.
func mayNeedEscape(b []byte) bool {
	for _, c := range b {
		if c == 0x7f || c == 0xc2 || c == 0xd8 || c == 0xe2 {
			return true
		}
	}
	return false
}
