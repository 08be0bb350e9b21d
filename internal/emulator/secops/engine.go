package secops

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// run evaluates q over its table's rows that fall in [from, to].
func run(q *query, from, to, now time.Time) (*table, error) {
	build, ok := huntingTable(q.table.text)
	if !ok {
		return nil, &queryError{fmt.Sprintf("Failed to resolve table or column expression named '%s'", q.table.text)}
	}
	t := build(now)
	t = inTimespan(t, from, to)
	for _, s := range q.stages {
		var err error
		switch s := s.(type) {
		case takeStage:
			if s.n < len(t.rows) {
				t.rows = t.rows[:s.n]
			}
		case whereStage:
			t, err = filter(t, s)
		case projectStage:
			t, err = project(t, s)
		case summarize:
			t, err = count(t, s)
		case orderStage:
			err = order(t, s)
		}
		if err != nil {
			return nil, err
		}
	}
	return t, nil
}

func inTimespan(t *table, from, to time.Time) *table {
	ts := t.index("Timestamp")
	out := &table{cols: t.cols}
	for _, row := range t.rows {
		at := row[ts].(time.Time)
		if !at.Before(from) && !at.After(to) {
			out.rows = append(out.rows, row)
		}
	}
	return out
}

func unresolved(op string, col token) error {
	return &queryError{fmt.Sprintf("'%s' operator: Failed to resolve scalar expression named '%s'", op, col.text)}
}

func filter(t *table, s whereStage) (*table, error) {
	idx := make([]int, len(s.conds))
	for i, c := range s.conds {
		if idx[i] = t.index(c.col.text); idx[i] < 0 {
			return nil, unresolved("where", c.col)
		}
		if err := checkComparable(t.cols[idx[i]], c); err != nil {
			return nil, err
		}
	}
	out := &table{cols: t.cols}
	for _, row := range t.rows {
		keep := true
		for i, c := range s.conds {
			keep = keep && matches(row[idx[i]], c)
		}
		if keep {
			out.rows = append(out.rows, row)
		}
	}
	return out, nil
}

// kqlTypeName is the KQL name of a column type ("" for none).
func kqlTypeName(typ string) string {
	switch typ {
	case tString:
		return "string"
	case tDateTime:
		return "datetime"
	case tInt64:
		return "long"
	case tInt32:
		return "int"
	case tBoolean:
		return "bool"
	case tDynamic:
		return "dynamic"
	}
	return ""
}

func literalType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64:
		return "long"
	case bool:
		return "bool"
	case time.Time:
		return "datetime"
	}
	return "dynamic"
}

// checkComparable refuses comparisons KQL refuses: a column against a literal of another type,
// and ordering or text operators on types without them.
func checkComparable(col column, c condition) error {
	lt := literalType(c.lit)
	ct := kqlTypeName(col.typ)
	textOp := c.op == "=~" || c.op == "!~" || c.op == "contains" || c.op == "has" || c.op == "startswith"
	orderOp := c.op == ">" || c.op == ">=" || c.op == "<" || c.op == "<="
	same := ct == lt || (ct == "int" && lt == "long")
	switch {
	case textOp && ct != "string":
		return &queryError{fmt.Sprintf("'where' operator: the operator '%s' requires string arguments, got '%s'", c.op, ct)}
	case !same:
		return &queryError{fmt.Sprintf("Cannot compare values of types %s and %s. Try adding explicit casts", ct, lt)}
	case orderOp && (ct == "string" || ct == "bool"):
		return &queryError{fmt.Sprintf("'where' operator: the operator '%s' is not defined for type %s", c.op, ct)}
	}
	return nil
}

func matches(v any, c condition) bool {
	switch lit := c.lit.(type) {
	case string:
		s := v.(string)
		switch c.op {
		case "==":
			return s == lit
		case "!=":
			return s != lit
		case "=~":
			return strings.EqualFold(s, lit)
		case "!~":
			return !strings.EqualFold(s, lit)
		case "contains", "has":
			return strings.Contains(strings.ToLower(s), strings.ToLower(lit))
		case "startswith":
			return strings.HasPrefix(strings.ToLower(s), strings.ToLower(lit))
		}
	case bool:
		return (v.(bool) == lit) == (c.op == "==")
	case int64:
		return compareOp(cmpInt(v.(int64), lit), c.op)
	case time.Time:
		return compareOp(v.(time.Time).Compare(lit), c.op)
	}
	return false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareOp(c int, op string) bool {
	switch op {
	case "==":
		return c == 0
	case "!=":
		return c != 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	}
	return false
}

func project(t *table, s projectStage) (*table, error) {
	idx := make([]int, len(s.cols))
	out := &table{}
	for i, c := range s.cols {
		if idx[i] = t.index(c.text); idx[i] < 0 {
			return nil, unresolved("project", c)
		}
		out.cols = append(out.cols, t.cols[idx[i]])
	}
	for _, row := range t.rows {
		r := make([]any, len(idx))
		for i, j := range idx {
			r[i] = row[j]
		}
		out.rows = append(out.rows, r)
	}
	return out, nil
}

// count groups by the by-columns in order of first appearance; count_ is Int64, as in KQL.
func count(t *table, s summarize) (*table, error) {
	idx := make([]int, len(s.by))
	out := &table{}
	for i, c := range s.by {
		if idx[i] = t.index(c.text); idx[i] < 0 {
			return nil, unresolved("summarize", c)
		}
		if t.cols[idx[i]].typ == tDynamic {
			return nil, &queryError{fmt.Sprintf("'summarize' operator: cannot group by column '%s' of type dynamic", c.text)}
		}
		out.cols = append(out.cols, t.cols[idx[i]])
	}
	out.cols = append(out.cols, column{"count_", tInt64})
	groups := map[string]int{}
	for _, row := range t.rows {
		key := make([]any, len(idx))
		for i, j := range idx {
			key[i] = row[j]
		}
		k := fmt.Sprint(key...)
		g, ok := groups[k]
		if !ok {
			g = len(out.rows)
			groups[k] = g
			out.rows = append(out.rows, append(key, int64(0)))
		}
		out.rows[g][len(idx)] = out.rows[g][len(idx)].(int64) + 1
	}
	if len(idx) == 0 && len(out.rows) == 0 {
		out.rows = [][]any{{int64(0)}}
	}
	return out, nil
}

func order(t *table, s orderStage) error {
	idx := make([]int, len(s.keys))
	for i, k := range s.keys {
		if idx[i] = t.index(k.col.text); idx[i] < 0 {
			return unresolved("order", k.col)
		}
		if t.cols[idx[i]].typ == tDynamic {
			return &queryError{fmt.Sprintf("'order' operator: cannot order by column '%s' of type dynamic", k.col.text)}
		}
	}
	sort.SliceStable(t.rows, func(a, b int) bool {
		for i, k := range s.keys {
			c := compareValues(t.rows[a][idx[i]], t.rows[b][idx[i]])
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		return false
	})
	return nil
}

func compareValues(a, b any) int {
	switch x := a.(type) {
	case string:
		return strings.Compare(x, b.(string))
	case int64:
		return cmpInt(x, b.(int64))
	case time.Time:
		return x.Compare(b.(time.Time))
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	return 0
}
