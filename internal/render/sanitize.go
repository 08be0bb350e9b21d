package render

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted API text safe for a terminal or a CSV cell: it
// removes whole escape sequences (CSI, OSC, DCS and friends, in their ESC and
// C1 forms) rather than just the ESC byte, so no half-sequence like "]8;;url"
// is left behind; drops other C0/C1 controls, DEL and bidi overrides; and
// turns tabs and newlines into spaces so a value stays inside its cell.
func Sanitize(s string) string { return sanitize(s, false) }

// sanitize is Sanitize; keepLines keeps \n and \t for multi-line text such as
// raw --jq string results printed to a terminal.
func sanitize(s string, keepLines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // C1 DCS, SOS, OSC, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF is one line break, so it becomes one space.
		case r == '\t' || r == '\n' || r == '\r':
			if keepLines && r != '\r' {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r):
			// dropped
		case r == utf8.RuneError && size == 1:
			// A stray byte could be read as a C1 control by a non-UTF-8 terminal.
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isBidiControl reports the explicit direction marks and overrides, which let
// data reorder what a terminal shows (the "Trojan Source" trick).
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// skipEscape returns the index after the sequence whose ESC ends just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f { // intermediates
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e { // final
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte. A malformed sequence ends at the first byte that cannot belong
// to it, which is then handled as ordinary text.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c >= 0x20 && c <= 0x3f:
			i++
		default:
			return i
		}
	}
	return i
}

// skipString skips an OSC/DCS-style string up to its terminator: BEL, ESC \
// or C1 ST. Any other ESC aborts the string, as it does in a terminal.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}

// validUTF8 prepares a JSON record for output: each byte that is not UTF-8 (a hostile server
// can put them inside JSON strings, which Go's decoder tolerates) becomes the escape \ufffd,
// which is how every JSON decoder reads such a byte anyway, and the invisible characters
// that reorder or break lines on a terminal (bidi controls, U+2028, U+2029) are written as
// \u escapes. Both are the same JSON value: output stays valid UTF-8, nothing else changes,
// and JSON on a terminal cannot be displayed out of order.
func validUTF8(rec []byte) []byte {
	if utf8.Valid(rec) && !hasInvisible(rec) {
		return rec
	}
	out := make([]byte, 0, len(rec)+16)
	for len(rec) > 0 {
		r, size := utf8.DecodeRune(rec)
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case isInvisible(r):
			out = append(out, fmt.Sprintf(`\u%04x`, r)...)
		default:
			out = append(out, rec[:size]...)
		}
		rec = rec[size:]
	}
	return out
}

// isInvisible reports characters that reorder text or break a line without being control
// characters: what JSON and YAML output escape instead of printing.
func isInvisible(r rune) bool {
	return isBidiControl(r) || r == '\u2028' || r == '\u2029'
}

// hasInvisible is a fast check for isInvisible runes in UTF-8 text: all but U+061C start
// with the byte 0xE2.
func hasInvisible(b []byte) bool {
	if bytes.IndexByte(b, 0xE2) < 0 && !bytes.Contains(b, []byte("\u061c")) && !bytes.Contains(b, []byte{0xD8, 0x9C}) {
		return false
	}
	return bytes.ContainsFunc(b, isInvisible)
}
