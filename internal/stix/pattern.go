package stix

import (
	"fmt"
	"strings"
)

// This is the part of the STIX 2.1 patterning grammar (specification section 9) that
// indicator patterns made of string comparisons use:
//
//	pattern      = observation { ("AND" | "OR" | "FOLLOWEDBY") observation }
//	observation  = "[" comparisons "]" | "(" pattern ")"
//	comparisons  = conjunction { "OR" conjunction }
//	conjunction  = term { "AND" term }
//	term         = comparison | "(" comparisons ")"
//	comparison   = object-path ["NOT"] ("=" | "!=") string
//	object-path  = object-type ":" property { "." (property | string) | "[" (digits | "*") "]" }
//	string       = "'" { any character but \ and ', or \\ or \' } "'"
//
// Qualifiers (WITHIN, REPEATS, START/STOP), other operators (LIKE, MATCHES, IN…) and
// constants other than strings are not accepted: nothing we write uses them.

// Comparison is one parsed "object-path op 'value'".
type Comparison struct {
	ObjectType string   // "file"
	Path       []string // "hashes", "SHA-256"
	Negated    bool
	Op         string // "=" or "!="
	Value      string // unescaped
}

// PathString writes the object path back: file:hashes.'SHA-256'.
func (c Comparison) PathString() string {
	var b strings.Builder
	b.WriteString(c.ObjectType + ":" + c.Path[0])
	for _, p := range c.Path[1:] {
		if strings.HasPrefix(p, "[") {
			b.WriteString(p)
		} else if isIdent(p) {
			b.WriteString("." + p)
		} else {
			b.WriteString("." + QuoteString(p))
		}
	}
	return b.String()
}

// node is a boolean tree of comparisons inside one observation expression.
type node struct {
	op   string // "AND", "OR", or "" for a leaf
	kids []*node
	leaf *Comparison
}

// Pattern is a parsed pattern: its observation expressions in order.
type Pattern struct {
	observations []*node
}

// Comparisons lists every comparison of the pattern, left to right.
func (p *Pattern) Comparisons() []Comparison {
	var out []Comparison
	var walk func(n *node)
	walk = func(n *node) {
		if n.leaf != nil {
			out = append(out, *n.leaf)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, o := range p.observations {
		walk(o)
	}
	return out
}

// ParsePattern parses a STIX pattern. It also applies the rule that comparisons joined by
// AND inside one observation expression refer to one object type: they must hold for the
// same cyber-observable object.
func ParsePattern(s string) (*Pattern, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	pat := &Pattern{}
	if err := p.pattern(pat); err != nil {
		return nil, err
	}
	if !p.done() {
		return nil, fmt.Errorf("unexpected %s at offset %d", p.peek().text, p.peek().pos)
	}
	for _, o := range pat.observations {
		if err := checkAndTypes(o); err != nil {
			return nil, err
		}
	}
	return pat, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) done() bool  { return p.i >= len(p.toks) }
func (p *parser) peek() token { return p.toks[min(p.i, len(p.toks)-1)] }

func (p *parser) accept(kind tokenKind, text string) bool {
	if p.done() {
		return false
	}
	t := p.toks[p.i]
	if t.kind == kind && (text == "" || t.text == text) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(kind tokenKind, text, what string) (token, error) {
	if p.done() {
		return token{}, fmt.Errorf("pattern ends where %s was expected", what)
	}
	t := p.toks[p.i]
	if t.kind != kind || (text != "" && t.text != text) {
		return token{}, fmt.Errorf("want %s at offset %d, got %s", what, t.pos, t.text)
	}
	p.i++
	return t, nil
}

func (p *parser) pattern(pat *Pattern) error {
	for {
		if err := p.observation(pat); err != nil {
			return err
		}
		if !(p.accept(tokWord, "AND") || p.accept(tokWord, "OR") || p.accept(tokWord, "FOLLOWEDBY")) {
			return nil
		}
	}
}

func (p *parser) observation(pat *Pattern) error {
	if p.accept(tokPunct, "(") {
		if err := p.pattern(pat); err != nil {
			return err
		}
		_, err := p.expect(tokPunct, ")", "')'")
		return err
	}
	if _, err := p.expect(tokPunct, "[", "'[' opening an observation expression"); err != nil {
		return err
	}
	n, err := p.disjunction()
	if err != nil {
		return err
	}
	if _, err := p.expect(tokPunct, "]", "']' closing the observation expression"); err != nil {
		return err
	}
	pat.observations = append(pat.observations, n)
	return nil
}

func (p *parser) disjunction() (*node, error) {
	return p.joined("OR", p.conjunction)
}

func (p *parser) conjunction() (*node, error) {
	return p.joined("AND", p.term)
}

func (p *parser) joined(op string, next func() (*node, error)) (*node, error) {
	first, err := next()
	if err != nil {
		return nil, err
	}
	n := &node{op: op, kids: []*node{first}}
	for p.accept(tokWord, op) {
		k, err := next()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, k)
	}
	if len(n.kids) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *parser) term() (*node, error) {
	if p.accept(tokPunct, "(") {
		n, err := p.disjunction()
		if err != nil {
			return nil, err
		}
		_, err = p.expect(tokPunct, ")", "')'")
		return n, err
	}
	c, err := p.comparison()
	if err != nil {
		return nil, err
	}
	return &node{leaf: c}, nil
}

func (p *parser) comparison() (*Comparison, error) {
	typ, err := p.expect(tokWord, "", "an object type")
	if err != nil {
		return nil, err
	}
	if !isObjectType(typ.text) {
		return nil, fmt.Errorf("invalid object type %q at offset %d", typ.text, typ.pos)
	}
	if _, err := p.expect(tokPunct, ":", "':' after the object type"); err != nil {
		return nil, err
	}
	c := &Comparison{ObjectType: typ.text}
	prop, err := p.expect(tokWord, "", "a property name")
	if err != nil {
		return nil, err
	}
	c.Path = []string{prop.text}
	if err := p.pathSteps(c); err != nil {
		return nil, err
	}
	for _, step := range c.Path {
		if step == "" {
			return nil, fmt.Errorf("empty property name in %s", c.PathString())
		}
	}
	c.Negated = p.accept(tokWord, "NOT")
	op, err := p.expect(tokOp, "", "'=' or '!='")
	if err != nil {
		return nil, err
	}
	if op.text != "=" && op.text != "!=" {
		return nil, fmt.Errorf("operator %s at offset %d: only = and != compare strings here", op.text, op.pos)
	}
	c.Op = op.text
	val, err := p.expect(tokString, "", "a quoted string")
	if err != nil {
		return nil, err
	}
	c.Value = val.text
	return c, nil
}

func (p *parser) pathSteps(c *Comparison) error {
	for {
		switch {
		case p.accept(tokPunct, "."):
			if p.done() {
				return fmt.Errorf("pattern ends inside an object path")
			}
			t := p.toks[p.i]
			if t.kind != tokWord && t.kind != tokString {
				return fmt.Errorf("want a property name at offset %d, got %s", t.pos, t.text)
			}
			p.i++
			c.Path = append(c.Path, t.text)
		case p.accept(tokPunct, "["):
			idx, err := p.expect(tokWord, "", "a list index")
			if err != nil {
				return err
			}
			if idx.text != "*" && strings.Trim(idx.text, "0123456789") != "" {
				return fmt.Errorf("invalid list index %q at offset %d", idx.text, idx.pos)
			}
			if _, err := p.expect(tokPunct, "]", "']' closing the list index"); err != nil {
				return err
			}
			c.Path = append(c.Path, "["+idx.text+"]")
		default:
			return nil
		}
	}
}

// checkAndTypes: every AND node's comparisons must share one object type.
func checkAndTypes(n *node) error {
	if n.op == "AND" {
		types := map[string]bool{}
		collectTypes(n, types)
		if len(types) > 1 {
			return fmt.Errorf("comparisons joined by AND refer to different object types %s: they cannot hold for one object", sortedKeys(types))
		}
	}
	for _, k := range n.kids {
		if err := checkAndTypes(k); err != nil {
			return err
		}
	}
	return nil
}

func collectTypes(n *node, types map[string]bool) {
	if n.leaf != nil {
		types[n.leaf.ObjectType] = true
	}
	for _, k := range n.kids {
		collectTypes(k, types)
	}
}

// isObjectType: object types are lower-case ASCII letters, digits and single hyphens, 3 to
// 250 characters, starting with a letter (section 2.9 of the specification, "type").
func isObjectType(s string) bool {
	if len(s) < 3 || len(s) > 250 || !('a' <= s[0] && s[0] <= 'z') || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
