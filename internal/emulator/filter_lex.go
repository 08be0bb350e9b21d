package emulator

import (
	"strings"
)

// lexKind classifies a $filter token.
type lexKind int

const (
	lexEOF lexKind = iota
	lexIdent
	lexString
	lexNumber
	lexOpen
	lexClose
	lexComma
)

type lexToken struct {
	kind lexKind
	text string
}

// lexFilter splits a $filter expression into tokens. Identifiers include property paths
// (childHost/id) and bare datetimes (2023-01-01T00:00:00Z), which OData writes unquoted.
func lexFilter(s string) ([]lexToken, *apiError) {
	var out []lexToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			out = append(out, lexToken{lexOpen, "("})
			i++
		case c == ')':
			out = append(out, lexToken{lexClose, ")"})
			i++
		case c == ',':
			out = append(out, lexToken{lexComma, ","})
			i++
		case c == '\'':
			str, n, ok := readQuoted(s[i:])
			if !ok {
				return nil, badRequest("Syntax error in $filter: unterminated string literal at position %d.", i)
			}
			out = append(out, lexToken{lexString, str})
			i += n
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			out = append(out, classifyWord(s[i:j]))
			i = j
		default:
			return nil, badRequest("Syntax error in $filter: unexpected character '%c' at position %d.", c, i)
		}
	}
	return append(out, lexToken{kind: lexEOF}), nil
}

// readQuoted reads a quoted literal where ” stands for one quote.
func readQuoted(s string) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", 0, false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '/' || c == '_' || c == '.' || c == '-' || c == ':' || c == '+' || c == '@'
}

func classifyWord(w string) lexToken {
	if (w[0] >= '0' && w[0] <= '9' || w[0] == '-') && isNumber(w) {
		return lexToken{lexNumber, w}
	}
	return lexToken{lexIdent, w}
}

func isNumber(w string) bool {
	dot := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '-' && i == 0:
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return w != "-"
}
