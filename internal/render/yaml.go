package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlSink prints records as a YAML sequence (a mapping for Single), built as
// yaml.v3 nodes from the ordered JSON so keys keep Graph's order and numbers
// keep their literal text. Items stream: concatenated "- " items are one
// sequence.
type yamlSink struct {
	w       io.Writer
	single  bool
	n       int
	emitted int
	held    *yaml.Node
}

func (s *yamlSink) add(rec []byte) error {
	v, err := decodeOrdered(rec)
	if err != nil {
		return err
	}
	node := toNode(v)
	s.n++
	if s.single && s.n == 1 {
		s.held = node
		return nil
	}
	if s.held != nil {
		held := s.held
		s.held = nil
		if err := s.emit(seqOf(held)); err != nil {
			return err
		}
	}
	return s.emit(seqOf(node))
}

func (s *yamlSink) close() error {
	switch {
	case s.held != nil:
		return s.emit(s.held)
	case s.emitted == 0:
		return writeString(s.w, "[]\n")
	}
	return nil
}

func (s *yamlSink) emit(n *yaml.Node) error {
	b, err := encodeYAML(n)
	if err != nil {
		return err
	}
	s.emitted++
	_, err = s.w.Write(b)
	return err
}

func seqOf(n *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}}
}

func encodeYAML(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return escapeInvisible(buf.Bytes()), nil
}

// toNode converts a decoded value (ordered or plain, including gojq's
// number types) to a YAML node.
func toNode(v any) *yaml.Node { return toNodeAt(v, 0) }

// toNodeAt converts a value at the given nesting depth. Collections deeper than
// maxIndentDepth are written in flow style ({a: [1, 2]}) rather than indented:
// indentation grows with depth, so a 10,000-level record would print hundreds
// of megabytes of spaces.
func toNodeAt(v any, depth int) *yaml.Node {
	var n *yaml.Node
	switch t := v.(type) {
	case *omap:
		n = mappingNode(t.keys, func(k string) any { return t.vals[k] }, depth)
	case map[string]any:
		n = mappingNode(sortedKeys(t), func(k string) any { return t[k] }, depth)
	case []any:
		n = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range t {
			n.Content = append(n.Content, toNodeAt(e, depth+1))
		}
	default:
		return scalarNode(v)
	}
	if depth >= maxIndentDepth {
		n.Style = yaml.FlowStyle
	}
	return n
}

// scalarNode converts a value that is not a collection.
func scalarNode(v any) *yaml.Node {
	switch t := v.(type) {
	case string:
		return strNode(t)
	case bool:
		if t {
			return scalar("!!bool", "true")
		}
		return scalar("!!bool", "false")
	case nil:
		return scalar("!!null", "null")
	case json.Number:
		return numberNode(string(t))
	case int, float64, *big.Int:
		return numberNode(string(appendJSONNumber(nil, t)))
	}
	return scalar("!!null", "null")
}

func mappingNode(keys []string, get func(string) any, depth int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range keys {
		n.Content = append(n.Content, strNode(k), toNodeAt(get(k), depth+1))
	}
	return n
}

// strNode is a string scalar; one holding a bidi control or line separator is double-quoted
// so that encodeYAML can write those characters as \u escapes.
func strNode(s string) *yaml.Node {
	n := scalar("!!str", s)
	if strings.ContainsFunc(s, isInvisible) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// escapeInvisible writes the characters strNode double-quoted as \u escapes: YAML prints
// them raw, and on a terminal they would reorder what is shown.
func escapeInvisible(b []byte) []byte {
	if !hasInvisible(b) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if isInvisible(r) {
			fmt.Fprintf(&out, `\u%04X`, r)
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

func numberNode(lit string) *yaml.Node {
	if strings.ContainsAny(lit, ".eE") {
		return scalar("!!float", lit)
	}
	return scalar("!!int", lit)
}
