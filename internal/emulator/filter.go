package emulator

import (
	"strconv"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// filterExpr is a parsed $filter: comparisons joined by and/or/not. Supported: eq ne gt ge
// lt le, in (...), and, or, not, parentheses, and the functions contains, startswith and
// endswith; literals are strings, numbers, true/false, null and bare datetimes.
type filterExpr interface {
	eval(e *entity) bool
	check(t typeInfo) *apiError
}

type andExpr struct{ l, r filterExpr }
type orExpr struct{ l, r filterExpr }
type notExpr struct{ x filterExpr }

type compareExpr struct {
	path []string
	op   string // eq ne gt ge lt le in contains startswith endswith
	lits []literal
}

func (a andExpr) eval(e *entity) bool { return a.l.eval(e) && a.r.eval(e) }
func (o orExpr) eval(e *entity) bool  { return o.l.eval(e) || o.r.eval(e) }
func (n notExpr) eval(e *entity) bool { return !n.x.eval(e) }

func (a andExpr) check(t typeInfo) *apiError { return firstErr(a.l.check(t), a.r.check(t)) }
func (o orExpr) check(t typeInfo) *apiError  { return firstErr(o.l.check(t), o.r.check(t)) }
func (n notExpr) check(t typeInfo) *apiError { return n.x.check(t) }

func (c compareExpr) check(t typeInfo) *apiError {
	if !t.has(c.path[0]) {
		return unknownProperty(strings.Join(c.path, "/"), t)
	}
	return nil
}

func firstErr(a, b *apiError) *apiError {
	if a != nil {
		return a
	}
	return b
}

// literal is a $filter constant.
type literal struct {
	kind literalKind
	str  string
	num  float64
	b    bool
	t    time.Time
}

type literalKind int

const (
	litString literalKind = iota
	litNumber
	litBool
	litNull
	litTime
)

// filterParser is a recursive-descent parser over lexFilter's tokens.
type filterParser struct {
	toks []lexToken
	pos  int
}

func parseFilter(s string) (filterExpr, *apiError) {
	toks, ae := lexFilter(s)
	if ae != nil {
		return nil, ae
	}
	p := &filterParser{toks: toks}
	x, ae := p.parseOr()
	if ae != nil {
		return nil, ae
	}
	if p.peek().kind != lexEOF {
		return nil, badRequest("Syntax error in $filter: unexpected '%s'.", p.peek().text)
	}
	return x, nil
}

func (p *filterParser) peek() lexToken { return p.toks[p.pos] }

func (p *filterParser) next() lexToken {
	t := p.toks[p.pos]
	if t.kind != lexEOF {
		p.pos++
	}
	return t
}

func (p *filterParser) keyword(w string) bool {
	t := p.peek()
	if t.kind == lexIdent && strings.EqualFold(t.text, w) {
		p.pos++
		return true
	}
	return false
}

func (p *filterParser) parseOr() (filterExpr, *apiError) {
	l, ae := p.parseAnd()
	for ae == nil && p.keyword("or") {
		var r filterExpr
		if r, ae = p.parseAnd(); ae == nil {
			l = orExpr{l, r}
		}
	}
	return l, ae
}

func (p *filterParser) parseAnd() (filterExpr, *apiError) {
	l, ae := p.parseUnary()
	for ae == nil && p.keyword("and") {
		var r filterExpr
		if r, ae = p.parseUnary(); ae == nil {
			l = andExpr{l, r}
		}
	}
	return l, ae
}

func (p *filterParser) parseUnary() (filterExpr, *apiError) {
	if p.keyword("not") {
		x, ae := p.parseUnary()
		return notExpr{x}, ae
	}
	if p.peek().kind == lexOpen {
		p.next()
		x, ae := p.parseOr()
		if ae != nil {
			return nil, ae
		}
		if p.next().kind != lexClose {
			return nil, badRequest("Syntax error in $filter: ')' expected.")
		}
		return x, nil
	}
	return p.parseComparison()
}

var filterFunctions = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"contains": true, "startswith": true, "endswith": true}
}}

func (p *filterParser) parseComparison() (filterExpr, *apiError) {
	t := p.next()
	if t.kind != lexIdent {
		return nil, badRequest("Syntax error in $filter: property name expected, found '%s'.", t.text)
	}
	if fn := strings.ToLower(t.text); filterFunctions.Get()[fn] && p.peek().kind == lexOpen {
		return p.parseFunction(fn)
	}
	path := strings.Split(t.text, "/")
	opTok := p.next()
	op := strings.ToLower(opTok.text)
	if opTok.kind != lexIdent {
		return nil, badRequest("Syntax error in $filter: operator expected after '%s'.", t.text)
	}
	if op == "in" {
		lits, ae := p.parseLiteralList()
		return compareExpr{path: path, op: op, lits: lits}, ae
	}
	switch op {
	case "eq", "ne", "gt", "ge", "lt", "le":
	default:
		return nil, badRequest("Syntax error in $filter: unknown operator '%s'.", opTok.text)
	}
	lit, ae := p.parseLiteral()
	return compareExpr{path: path, op: op, lits: []literal{lit}}, ae
}

// parseFunction reads fn(path, 'text').
func (p *filterParser) parseFunction(fn string) (filterExpr, *apiError) {
	p.next() // (
	prop := p.next()
	if prop.kind != lexIdent || p.next().kind != lexComma {
		return nil, badRequest("Syntax error in $filter: %s(property, 'value') expected.", fn)
	}
	lit, ae := p.parseLiteral()
	if ae != nil {
		return nil, ae
	}
	if p.next().kind != lexClose || lit.kind != litString {
		return nil, badRequest("Syntax error in $filter: %s(property, 'value') expected.", fn)
	}
	return compareExpr{path: strings.Split(prop.text, "/"), op: fn, lits: []literal{lit}}, nil
}

func (p *filterParser) parseLiteralList() ([]literal, *apiError) {
	if p.next().kind != lexOpen {
		return nil, badRequest("Syntax error in $filter: '(' expected after 'in'.")
	}
	var lits []literal
	for {
		lit, ae := p.parseLiteral()
		if ae != nil {
			return nil, ae
		}
		lits = append(lits, lit)
		switch p.next().kind {
		case lexComma:
			continue
		case lexClose:
			return lits, nil
		default:
			return nil, badRequest("Syntax error in $filter: ',' or ')' expected in the 'in' list.")
		}
	}
}

func (p *filterParser) parseLiteral() (literal, *apiError) {
	t := p.next()
	switch t.kind {
	case lexString:
		return literal{kind: litString, str: t.text}, nil
	case lexNumber:
		n, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return literal{}, badRequest("Syntax error in $filter: bad number '%s'.", t.text)
		}
		return literal{kind: litNumber, num: n}, nil
	case lexIdent:
		return identLiteral(t.text)
	}
	return literal{}, badRequest("Syntax error in $filter: literal expected, found '%s'.", t.text)
}

func identLiteral(w string) (literal, *apiError) {
	switch strings.ToLower(w) {
	case "true", "false":
		return literal{kind: litBool, b: strings.EqualFold(w, "true")}, nil
	case "null":
		return literal{kind: litNull}, nil
	}
	if t, ok := parseTime(w); ok {
		return literal{kind: litTime, t: t}, nil
	}
	return literal{}, badRequest("Syntax error in $filter: '%s' is not a literal; quote strings with single quotes.", w)
}

// parseTime accepts the DateTimeOffset forms the data and clients use.
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (c compareExpr) eval(e *entity) bool {
	v, _ := e.lookup(c.path)
	switch c.op {
	case "in":
		for _, l := range c.lits {
			if cmp, ok := compareValue(v, l); ok && cmp == 0 {
				return true
			}
		}
		return false
	case "contains", "startswith", "endswith":
		return stringFunction(c.op, v, c.lits[0].str)
	}
	cmp, ok := compareValue(v, c.lits[0])
	if !ok {
		return c.op == "ne"
	}
	return opHolds(c.op, cmp)
}

func opHolds(op string, cmp int) bool {
	switch op {
	case "eq":
		return cmp == 0
	case "ne":
		return cmp != 0
	case "gt":
		return cmp > 0
	case "ge":
		return cmp >= 0
	case "lt":
		return cmp < 0
	case "le":
		return cmp <= 0
	}
	return false
}

func stringFunction(fn string, v any, arg string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	s, arg = strings.ToLower(s), strings.ToLower(arg)
	switch fn {
	case "contains":
		return strings.Contains(s, arg)
	case "startswith":
		return strings.HasPrefix(s, arg)
	}
	return strings.HasSuffix(s, arg)
}

// compareValue compares a property value with a literal; ok is false when they are not
// comparable (different kinds). Strings compare case-insensitively, and as instants when
// both sides are timestamps.
func compareValue(v any, l literal) (int, bool) {
	switch l.kind {
	case litNull:
		if v == nil {
			return 0, true
		}
		return 1, true
	case litBool:
		b, ok := v.(bool)
		if !ok {
			return 0, false
		}
		return boolCompare(b, l.b), true
	case litNumber:
		n, ok := v.(float64)
		if !ok {
			return 0, false
		}
		return floatCompare(n, l.num), true
	case litTime:
		s, _ := v.(string)
		t, ok := parseTime(s)
		if !ok {
			return 0, false
		}
		return t.Compare(l.t), true
	}
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	return stringCompare(s, l.str), true
}

func stringCompare(a, b string) int {
	if ta, ok := parseTime(a); ok {
		if tb, ok := parseTime(b); ok {
			return ta.Compare(tb)
		}
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func floatCompare(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
