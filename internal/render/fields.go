package render

import (
	"strconv"
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
	if len(rest) == 0 {
		out.set(key, child)
		return
	}
	prev, had := out.vals[key]
	if had && sameValue(prev, child) {
		return // the whole value is already kept
	}
	switch c := child.(type) {
	case *omap:
		sub, ok := prev.(*omap)
		if !ok {
			sub = newOmap()
			out.set(key, sub)
		}
		projectInto(sub, c, rest)
	case []any:
		prevArr, _ := prev.([]any)
		out.set(key, projectArray(prevArr, c, rest))
	}
}

// sameValue reports whether a and b are the same decoded object or array (not
// equal: the same one), which is how a path under a field already kept whole shows.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case *omap:
		y, ok := b.(*omap)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	}
	return false
}

// projectArray applies the rest of a path to an array, adding to what earlier
// paths kept of it (subs). A number selects one element, which keeps its index
// (the elements before it that no path selects are null), so "rules.1.name"
// reads the same in the projection as in the record, as in CSV and tables.
// Anything else applies to every element: "rules.name" keeps every rule's name.
func projectArray(subs, arr []any, rest []string) []any {
	if idx, err := strconv.Atoi(rest[0]); err == nil {
		if idx < 0 || idx >= len(arr) {
			return subs
		}
		subs = grow(subs, idx+1)
		if len(rest) == 1 {
			subs[idx] = arr[idx]
		} else if sub := subObject(subs, idx); sub != nil {
			projectInto(sub, arr[idx], rest[1:])
		}
		return subs
	}
	subs = grow(subs, len(arr))
	for i, e := range arr {
		if sub := subObject(subs, i); sub != nil {
			projectInto(sub, e, rest)
		}
	}
	return subs
}

func grow(a []any, n int) []any {
	for len(a) < n {
		a = append(a, nil)
	}
	return a
}

// subObject is the projection of element i, started if nothing selected it
// yet; nil if it holds a value kept whole that is not an object.
func subObject(subs []any, i int) *omap {
	if subs[i] == nil {
		subs[i] = newOmap()
	}
	sub, _ := subs[i].(*omap)
	return sub
}
