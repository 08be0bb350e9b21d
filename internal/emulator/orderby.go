package emulator

import (
	"slices"
	"strings"
)

// orderKey is one "$orderby" term.
type orderKey struct {
	path []string
	desc bool
}

// parseOrderBy reads "prop [asc|desc], ...".
func parseOrderBy(v string) ([]orderKey, *apiError) {
	var keys []orderKey
	for _, term := range strings.Split(v, ",") {
		fields := strings.Fields(term)
		if len(fields) == 0 || len(fields) > 2 {
			return nil, badRequest("Syntax error in $orderby: '%s'.", strings.TrimSpace(term))
		}
		k := orderKey{path: strings.Split(fields[0], "/")}
		if len(fields) == 2 {
			switch strings.ToLower(fields[1]) {
			case "asc":
			case "desc":
				k.desc = true
			default:
				return nil, badRequest("Syntax error in $orderby: expected asc or desc, found '%s'.", fields[1])
			}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// sortEntities sorts stably by the keys; missing and null values sort first ascending.
func sortEntities(items []*entity, keys []orderKey) {
	slices.SortStableFunc(items, func(a, b *entity) int {
		for _, k := range keys {
			va, _ := a.lookup(k.path)
			vb, _ := b.lookup(k.path)
			c := compareAny(va, vb)
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
}

func compareAny(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return stringCompare(x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			return floatCompare(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok {
			return boolCompare(x, y)
		}
	}
	return 0
}
