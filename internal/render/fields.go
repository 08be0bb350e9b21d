package render

import (
	"strings"
	"unicode"
)

// parseFields validates --fields and splits each path into segments. A path
// that names nothing in a record is not an error (records differ); a path
// that cannot name anything is.
func parseFields(fields []string) ([][]string, error) {
	if len(fields) == 0 {
		return nil, usageErrorf("--fields: no fields given")
	}
	out := make([][]string, 0, len(fields))
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if err := checkField(f); err != nil {
			return nil, err
		}
		out = append(out, strings.Split(f, "."))
	}
	return out, nil
}

func checkField(f string) error {
	if f == "" {
		return usageErrorf("--fields: empty field name")
	}
	for _, seg := range strings.Split(f, ".") {
		if seg == "" {
			return usageErrorf("--fields: invalid field %q: empty path segment", Sanitize(f))
		}
	}
	for _, r := range f {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == ',' {
			return usageErrorf("--fields: invalid field %q: unexpected character %q", Sanitize(f), r)
		}
	}
	return nil
}

// fieldColumns turns --fields into table/CSV columns. A path that a view
// column also shows keeps that column's colour and truncation.
func fieldColumns(paths [][]string, view View) []Column {
	cols := make([]Column, len(paths))
	for i, segs := range paths {
		path := strings.Join(segs, ".")
		cols[i] = Column{Header: strings.ToUpper(path), Field: path, Truncate: true}
		for _, vc := range view.Columns {
			if vc.Field == path && vc.Value == nil {
				cols[i].Truncate, cols[i].Color = vc.Truncate, vc.Color
			}
		}
	}
	return cols
}

// project keeps only the given paths of a record, rebuilding nested objects.
// Keys come out in the order of the fields.
func project(rec []byte, paths [][]string) ([]byte, error) {
	v, err := decodeOrdered(rec)
	if err != nil {
		return nil, err
	}
	out := newOmap()
	for _, segs := range paths {
		projectInto(out, v, segs)
	}
	return appendJSON(nil, out), nil
}

func projectInto(out *omap, v any, segs []string) {
	if _, ok := lookupPath(v, segs); !ok {
		return
	}
	m, ok := v.(*omap)
	if !ok {
		return
	}
	key, rest, _ := matchKey(m, segs)
	child := m.vals[key]
	prev, had := out.vals[key]
	if len(rest) == 0 {
		out.set(key, child)
		return
	}
	switch c := child.(type) {
	case *omap:
		sub, ok := prev.(*omap)
		if !ok {
			if had {
				return // the whole object is already kept
			}
			sub = newOmap()
			out.set(key, sub)
		}
		projectInto(sub, c, rest)
	case []any:
		projectArray(out, key, prev, had, c, rest)
	}
}

// projectArray applies the rest of a path to each element of an array, so
// "rules.name" keeps every rule's name.
func projectArray(out *omap, key string, prev any, had bool, arr []any, rest []string) {
	subs, ok := prev.([]any)
	if !ok || len(subs) != len(arr) {
		if had {
			return
		}
		subs = make([]any, len(arr))
		for i := range subs {
			subs[i] = newOmap()
		}
		out.set(key, subs)
	}
	for i, e := range arr {
		if sub, ok := subs[i].(*omap); ok {
			projectInto(sub, e, rest)
		}
	}
}
