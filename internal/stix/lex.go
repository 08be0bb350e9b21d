package stix

import (
	"fmt"
	"slices"
	"strings"
)

type tokenKind int

const (
	tokWord   tokenKind = iota // object types, property names, keywords, indexes
	tokPunct                   // [ ] ( ) : .
	tokOp                      // = != < > <= >=
	tokString                  // '…', unescaped
)

type token struct {
	kind tokenKind
	text string
	pos  int
}

// lex splits a pattern into tokens. Words are runs of letters, digits, '_', '-' and '*';
// string literals allow only the escapes \\ and \'.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("[]():.", c) >= 0:
			toks = append(toks, token{tokPunct, string(c), i})
			i++
		case c == '=' || c == '<' || c == '>' || c == '!':
			j := i + 1
			if j < len(s) && s[j] == '=' {
				j++
			}
			op := s[i:j]
			if op == "!" {
				return nil, fmt.Errorf("offset %d: '!' must be followed by '='", i)
			}
			toks = append(toks, token{tokOp, op, i})
			i = j
		case c == '\'':
			val, n, err := lexString(s[i:])
			if err != nil {
				return nil, fmt.Errorf("offset %d: %w", i, err)
			}
			toks = append(toks, token{tokString, val, i})
			i += n
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			toks = append(toks, token{tokWord, s[i:j], i})
			i = j
		default:
			return nil, fmt.Errorf("offset %d: unexpected character %q", i, c)
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	return toks, nil
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || slices.Contains([]byte("_-*"), c)
}

// lexString reads the literal at the start of s and returns its value and length.
func lexString(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\'':
			return b.String(), i + 1, nil
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '\'') {
				b.WriteByte(s[i+1])
				i++
				continue
			}
			return "", 0, fmt.Errorf("invalid escape in string literal: only \\\\ and \\' are allowed")
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, fmt.Errorf("unterminated string literal")
}
