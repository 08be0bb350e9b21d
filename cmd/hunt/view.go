package hunt

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/render"
)

// rowsView is built at run time from the result's schema: one column per schema column,
// in order, headed by its name, each cell shown as its type says (cellText). CSV prints
// the same columns (Properties), nested values as compact JSON.
func rowsView(schema []graph.HuntingColumn, tty bool) render.View {
	v := render.View{NoCard: true, Columns: make([]render.Column, len(schema)), Properties: make([]string, len(schema))}
	for i, c := range schema {
		name, kind := c.Name, kindOf(c.Type)
		v.Columns[i] = render.Column{
			Header:   name,
			Value:    func(o render.Object) string { return cellText(o[name], kind, tty) },
			Truncate: (kind == kindString || kind == kindDynamic) && !isAddressColumn(name),
		}
		v.Properties[i] = name
	}
	return v
}

// isAddressColumn is a column of IP addresses (RemoteIP, SenderIPv4, IPAddress): an address
// cut short would read as another one, so it is never truncated.
func isAddressColumn(name string) bool {
	n := strings.ToLower(name)
	for _, suffix := range []string{"ip", "ipv4", "ipv6", "ipaddress"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

// schemaView is --output-schema: the schema's columns as records {"name", "type"}.
var schemaView = render.View{NoCard: true, Columns: []render.Column{
	{Header: "NAME", Field: "name"},
	{Header: "TYPE", Field: "type"},
}, Properties: []string{"name", "type"}}

// cellKind groups the advanced-hunting column types by how a cell shows.
type cellKind int

const (
	kindString cellKind = iota
	kindDateTime
	kindNumber
	kindBoolean
	kindDynamic
)

// kindOf reads a schema type in any case: the pages print DateTime, String, Int64…, and
// Kusto's own names (datetime, long, int, real, bool, dynamic) may come too.
func kindOf(typ string) cellKind {
	switch strings.ToLower(typ) {
	case "datetime", "date":
		return kindDateTime
	case "int", "int16", "int32", "int64", "long", "double", "real", "decimal", "single", "float":
		return kindNumber
	case "boolean", "bool", "sbyte":
		return kindBoolean
	case "dynamic", "object":
		return kindDynamic
	}
	return kindString
}

// terminalTime is a DateTime on a terminal: RFC 3339 to the second, UTC, as advanced
// hunting's times are. Piped output keeps Graph's text, an RFC 3339 time to the 100 ns.
const terminalTime = "2006-01-02T15:04:05Z"

// cellText shows one cell by its column's type. A value of another shape than the type
// says (a number sent as a string, a placeholder) is shown as it came.
func cellText(v any, kind cellKind, tty bool) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return stringCell(x, kind, tty)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return compactJSON(v)
}

func stringCell(s string, kind cellKind, tty bool) string {
	switch kind {
	case kindDateTime:
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil && tty {
			return t.UTC().Format(terminalTime)
		}
	case kindBoolean:
		if l := strings.ToLower(s); l == "true" || l == "false" {
			return l
		}
	case kindDynamic:
		// A dynamic value may come as JSON text: shown compact, like a nested one.
		var buf bytes.Buffer
		if t := strings.TrimSpace(s); (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) && json.Compact(&buf, []byte(t)) == nil {
			return buf.String()
		}
	}
	return s
}

// compactJSON is a nested value as one line of JSON, without HTML escaping.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// schemaOf is the result's schema, or, when Graph sent none, the first row's keys in
// order as String columns, so a table still has columns.
func schemaOf(res *graph.HuntingResults) []graph.HuntingColumn {
	if len(res.Schema) > 0 || len(res.Results) == 0 {
		return res.Schema
	}
	dec := json.NewDecoder(bytes.NewReader(res.Results[0]))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var cols []graph.HuntingColumn
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return cols
		}
		cols = append(cols, graph.HuntingColumn{Name: key, Type: "String"})
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return cols
		}
	}
	return cols
}
