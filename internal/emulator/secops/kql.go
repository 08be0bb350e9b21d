package secops

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A small subset of KQL, enough for the demo and the tests:
//
//	Table
//	| take N | limit N
//	| where Col OP Literal [and Col OP Literal]…   OP: == != =~ !~ > >= < <= contains has startswith
//	| project A, B, …
//	| summarize count() [by A, B, …]
//	| order by A [asc|desc], … | sort by …        (desc by default, as in KQL)
//
// Literals: "string" or 'string', integers, true/false, ago(N{d,h,m,s}). `//` starts a comment.
// Anything else is a queryError with a KQL-style message (see hunting.go).

type tokenKind int

const (
	tokIdent tokenKind = iota
	tokString
	tokNumber
	tokPunct
	tokEOF
)

type token struct {
	kind tokenKind
	text string
	line int
	col  int
}

// queryError is a query the engine cannot run; RunHuntingQuery answers it with 400.
type queryError struct{ msg string }

func (e *queryError) Error() string { return e.msg }

func syntaxError(t token) error {
	text := t.text
	if t.kind == tokEOF {
		text = "<EOF>"
	}
	return &queryError{fmt.Sprintf("Query could not be parsed at '%s' on line [%d,%d]", text, t.line, t.col)}
}

func lex(q string) ([]token, error) {
	var toks []token
	line, col := 1, 1
	runes := []rune(q)
	for i := 0; i < len(runes); {
		c := runes[i]
		start := token{line: line, col: col}
		advance := func(n int) {
			for k := 0; k < n; k++ {
				if runes[i] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
				i++
			}
		}
		switch {
		case c == '/' && i+1 < len(runes) && runes[i+1] == '/':
			for i < len(runes) && runes[i] != '\n' {
				advance(1)
			}
		case unicode.IsSpace(c):
			advance(1)
		case c == '"' || c == '\'':
			j := i + 1
			var b strings.Builder
			for j < len(runes) && runes[j] != c {
				if runes[j] == '\\' && j+1 < len(runes) {
					j++
				}
				b.WriteRune(runes[j])
				j++
			}
			if j >= len(runes) {
				start.kind, start.text = tokPunct, string(c)
				return nil, syntaxError(start)
			}
			start.kind, start.text = tokString, b.String()
			toks = append(toks, start)
			advance(j + 1 - i)
		case unicode.IsDigit(c):
			j := i
			for j < len(runes) && (unicode.IsDigit(runes[j]) || unicode.IsLetter(runes[j])) {
				j++
			}
			start.kind, start.text = tokNumber, string(runes[i:j])
			toks = append(toks, start)
			advance(j - i)
		case unicode.IsLetter(c) || c == '_':
			j := i
			for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '_') {
				j++
			}
			start.kind, start.text = tokIdent, string(runes[i:j])
			toks = append(toks, start)
			advance(j - i)
		default:
			two := ""
			if i+1 < len(runes) {
				two = string(runes[i : i+2])
			}
			switch two {
			case "==", "!=", "=~", "!~", ">=", "<=":
				start.kind, start.text = tokPunct, two
				toks = append(toks, start)
				advance(2)
				continue
			}
			start.kind, start.text = tokPunct, string(c)
			toks = append(toks, start)
			advance(1)
		}
	}
	return append(toks, token{kind: tokEOF, line: line, col: col}), nil
}

// Pipeline stages.
type (
	takeStage    struct{ n int }
	projectStage struct{ cols []token }
	summarize    struct{ by []token }
	orderKey     struct {
		col  token
		desc bool
	}
	orderStage struct{ keys []orderKey }
	condition  struct {
		col token
		op  string
		lit any // string, int64, bool or time.Time
	}
	whereStage struct{ conds []condition }
)

type query struct {
	table  token
	stages []any
}

type parser struct {
	toks []token
	pos  int
	now  time.Time
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) expect(kind tokenKind, text string) (token, error) {
	t := p.next()
	if t.kind != kind || (text != "" && !strings.EqualFold(t.text, text)) {
		return t, syntaxError(t)
	}
	return t, nil
}

func parseQuery(q string, now time.Time) (*query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, now: now}
	table, err := p.expect(tokIdent, "")
	if err != nil {
		return nil, err
	}
	out := &query{table: table}
	for p.peek().kind != tokEOF {
		if _, err := p.expect(tokPunct, "|"); err != nil {
			return nil, err
		}
		stage, err := p.stage()
		if err != nil {
			return nil, err
		}
		out.stages = append(out.stages, stage)
	}
	return out, nil
}

func (p *parser) stage() (any, error) {
	op := p.next()
	if op.kind != tokIdent {
		return nil, syntaxError(op)
	}
	switch strings.ToLower(op.text) {
	case "take", "limit":
		n, err := p.expect(tokNumber, "")
		if err != nil {
			return nil, err
		}
		v, err := strconv.Atoi(n.text)
		if err != nil {
			return nil, syntaxError(n)
		}
		return takeStage{v}, nil
	case "where":
		return p.where()
	case "project":
		cols, err := p.columns()
		return projectStage{cols}, err
	case "summarize":
		return p.summarize()
	case "order", "sort":
		if _, err := p.expect(tokIdent, "by"); err != nil {
			return nil, err
		}
		return p.order()
	}
	return nil, &queryError{fmt.Sprintf("Query could not be parsed at '%s' on line [%d,%d]: the emulator runs only take, limit, where, project, summarize count() by, order by and sort by", op.text, op.line, op.col)}
}

func (p *parser) columns() ([]token, error) {
	var cols []token
	for {
		c, err := p.expect(tokIdent, "")
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
		if p.peek().text != "," {
			return cols, nil
		}
		p.next()
	}
}

func (p *parser) summarize() (any, error) {
	if _, err := p.expect(tokIdent, "count"); err != nil {
		return nil, err
	}
	if _, err := p.expect(tokPunct, "("); err != nil {
		return nil, err
	}
	if _, err := p.expect(tokPunct, ")"); err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind == tokIdent && strings.EqualFold(t.text, "by") {
		p.next()
		cols, err := p.columns()
		return summarize{cols}, err
	}
	return summarize{}, nil
}

func (p *parser) order() (any, error) {
	var keys []orderKey
	for {
		c, err := p.expect(tokIdent, "")
		if err != nil {
			return nil, err
		}
		k := orderKey{col: c, desc: true}
		if t := p.peek(); t.kind == tokIdent && (strings.EqualFold(t.text, "asc") || strings.EqualFold(t.text, "desc")) {
			k.desc = strings.EqualFold(p.next().text, "desc")
		}
		keys = append(keys, k)
		if p.peek().text != "," {
			return orderStage{keys}, nil
		}
		p.next()
	}
}

var whereOps = []string{"==", "!=", "=~", "!~", ">", ">=", "<", "<=", "contains", "has", "startswith"}

func (p *parser) where() (any, error) {
	var conds []condition
	for {
		col, err := p.expect(tokIdent, "")
		if err != nil {
			return nil, err
		}
		op := p.next()
		if !contains(whereOps, strings.ToLower(op.text)) || (op.kind != tokPunct && op.kind != tokIdent) {
			return nil, syntaxError(op)
		}
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		conds = append(conds, condition{col: col, op: strings.ToLower(op.text), lit: lit})
		if t := p.peek(); t.kind == tokIdent && strings.EqualFold(t.text, "and") {
			p.next()
			continue
		}
		return whereStage{conds}, nil
	}
}

func (p *parser) literal() (any, error) {
	t := p.next()
	switch {
	case t.kind == tokString:
		return t.text, nil
	case t.kind == tokNumber:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return nil, syntaxError(t)
		}
		return v, nil
	case t.kind == tokIdent && (t.text == "true" || t.text == "false"):
		return t.text == "true", nil
	case t.kind == tokIdent && t.text == "ago":
		if _, err := p.expect(tokPunct, "("); err != nil {
			return nil, err
		}
		n := p.next()
		d, err := kqlTimespan(n.text)
		if n.kind != tokNumber || err != nil {
			return nil, syntaxError(n)
		}
		if _, err := p.expect(tokPunct, ")"); err != nil {
			return nil, err
		}
		return p.now.Add(-d), nil
	}
	return nil, syntaxError(t)
}

// kqlTimespan reads a KQL timespan literal such as 7d, 12h, 30m or 10s.
func kqlTimespan(s string) (time.Duration, error) {
	if len(s) < 2 {
		return 0, fmt.Errorf("bad timespan %q", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil {
		return 0, err
	}
	unit := map[byte]time.Duration{'d': 24 * time.Hour, 'h': time.Hour, 'm': time.Minute, 's': time.Second}[s[len(s)-1]]
	if unit == 0 {
		return 0, fmt.Errorf("bad timespan %q", s)
	}
	return time.Duration(n) * unit, nil
}
