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
	if err := json.Indent(&s.buf, rec, "  ", "  "); err != nil {
		return invalidRecord(err)
	}
	s.emitted++
	return s.write()
}

func (s *jsonSink) close() error {
	s.buf.Reset()
	switch {
	case s.held != nil:
		if err := json.Indent(&s.buf, s.held, "", "  "); err != nil {
			return invalidRecord(err)
		}
		s.buf.WriteByte('\n')
	case s.emitted == 0:
		s.buf.WriteString("[]\n")
	default:
		s.buf.WriteString("\n]\n")
	}
	return s.write()
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
// the million-record --all exports, so it never decodes: json.Compact into a
// reused buffer costs about as much as a copy.
type jsonlSink struct {
	w   io.Writer
	tty bool
	buf bytes.Buffer
}

func (s *jsonlSink) add(rec []byte) error {
	s.buf.Reset()
	if err := json.Compact(&s.buf, rec); err != nil {
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
