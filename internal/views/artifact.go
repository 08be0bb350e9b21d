package views

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
)

// Kind is the short name of the @odata.type at path: "#microsoft.graph.security.hostname"
// gives "hostname". path "" means the record's own "@odata.type".
func Kind(o render.Object, path string) string {
	p := "@odata.type"
	if path != "" {
		p = path + ".@odata.type"
	}
	t := String(o, p)
	return t[strings.LastIndex(t, ".")+1:]
}

// KindOf returns a cell function for Kind.
func KindOf(path string) func(render.Object) string {
	return func(o render.Object) string { return Kind(o, path) }
}

// ArtifactValue is what an artifact stub at path shows an analyst: the host name or IP
// address (its id), or for an unclassifiedArtifact its value (and kind when given).
func ArtifactValue(path string) func(render.Object) string {
	return func(o render.Object) string {
		if v := String(o, path+".value"); v != "" {
			if k := String(o, path+".kind"); k != "" {
				return v + " (" + k + ")"
			}
			return v
		}
		return String(o, path+".id")
	}
}

// Join returns a cell function listing the strings of an array at path, "; "-separated.
func Join(path string) func(render.Object) string {
	return func(o render.Object) string {
		v, _ := o.Lookup(path)
		items, ok := v.([]any)
		if !ok {
			return String(o, path)
		}
		parts := make([]string, 0, len(items))
		for _, it := range items {
			if s := String(render.Object{"v": it}, "v"); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	}
}
