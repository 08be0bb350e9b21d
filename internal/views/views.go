// Package views holds the small cell helpers the commands' table views share.
package views

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
)

// String returns the value at a dotted path as text ("" when absent or null).
func String(o render.Object, path string) string {
	v, ok := o.Lookup(path)
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// Date returns a cell function showing only the date of an ISO 8601 timestamp, so date
// columns stay narrow; other text (doc placeholders, odd formats) is shown as is.
func Date(path string) func(render.Object) string {
	return func(o render.Object) string {
		s := String(o, path)
		if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
			return s[:10]
		}
		return s
	}
}

// Count returns a cell function giving the number of items in an array.
func Count(path, noun string) func(render.Object) string {
	return func(o render.Object) string {
		v, _ := o.Lookup(path)
		items, _ := v.([]any)
		if len(items) == 1 {
			return "1 " + noun
		}
		return fmt.Sprintf("%d %ss", len(items), noun)
	}
}

// Classification colours reputation classes: malicious red, suspicious yellow, neutral green.
func Classification(cell string) render.Color {
	switch strings.ToLower(cell) {
	case "malicious":
		return render.Red
	case "suspicious":
		return render.Yellow
	case "neutral":
		return render.Green
	}
	return render.Dim
}
