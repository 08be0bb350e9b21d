package render

import (
	"errors"
	"strings"
)

// ErrFieldsHelp is what ValidateFields returns for `--fields help` or an empty
// --fields: the caller prints FieldsHelp(view) on stdout and exits 0.
var ErrFieldsHelp = errors.New("--fields: list of fields requested")

// FieldNames are the names --fields accepts for a view, for the error message,
// the help and shell completion: its documented properties, then any column
// field that is not one of them or under one.
func FieldNames(view View) []string {
	names := append([]string(nil), view.Properties...)
	for _, f := range viewFields(view) {
		if !underAny(f, names) {
			names = append(names, f)
		}
	}
	return names
}

// underAny reports whether f is one of names or a dotted path under one.
func underAny(f string, names []string) bool {
	for _, n := range names {
		if f == n || strings.HasPrefix(f, n+".") {
			return true
		}
	}
	return false
}

// ValidateFields checks --fields against a view before anything is fetched: a
// field must be a documented property (View.Properties), a dotted path under
// one ("rules.name", "rules.0.name") or a column's Field. An unknown field is a
// *UsageError naming the valid ones; an empty list or "help" is ErrFieldsHelp.
// A view without Properties cannot be checked and accepts any well-formed path.
func ValidateFields(view View, fields []string) error {
	if len(fields) == 0 || (len(fields) == 1 && strings.TrimSpace(fields[0]) == "help") {
		return ErrFieldsHelp
	}
	if _, err := parseFields(fields); err != nil {
		return err
	}
	if view.Properties == nil {
		return nil
	}
	names := FieldNames(view)
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if underAny(f, names) {
			continue
		}
		hint := ""
		if s := closest(f, names); s != "" {
			hint = " (did you mean " + quote(s) + "?)"
		}
		return usageErrorf("--fields: unknown field %s%s; valid fields are %s, and dotted paths under them (--fields help lists them)",
			quote(f), hint, strings.Join(names, ", "))
	}
	return nil
}

func quote(s string) string { return `"` + Sanitize(s) + `"` }

// FieldsHelp lists the fields --fields accepts for a view, one a line.
func FieldsHelp(view View) string {
	var b strings.Builder
	b.WriteString("Fields for --fields (comma-separated):\n")
	for _, n := range FieldNames(view) {
		b.WriteString("  " + Sanitize(n) + "\n")
	}
	b.WriteString("A dotted path selects inside a field (rules.name: every rule's name); a number\n" +
		"selects one element of a list (rules.0.name: the first rule's name).\n")
	if view.Properties == nil {
		b.WriteString("Any other property of the records is accepted too.\n")
	}
	return b.String()
}

// closest is the name a mistyped field most likely meant: the same but for
// case, or at most two edits away (of the part before the first dot).
func closest(f string, names []string) string {
	head := f
	if i := strings.IndexByte(f, '.'); i > 0 {
		head = f[:i]
	}
	best, bestD := "", 3
	for _, n := range names {
		if strings.EqualFold(head, n) || strings.EqualFold(f, n) {
			return n
		}
		if d := editDistance(head, n, bestD); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or limit when it is at
// least limit (names are short; the limit keeps a long typo cheap).
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
