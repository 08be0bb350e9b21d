// Package render prints records (JSON objects as bytes) as a table, JSON,
// JSONL, CSV or YAML. Every output format derives from the same records and
// the same column view, so `-o` never changes what data a command shows.
package render

import (
	"fmt"
	"strings"
)

// Format is an output format selected with -o.
type Format string

// The output formats of docs/reference.md §2.
const (
	Table Format = "table"
	JSON  Format = "json"
	JSONL Format = "jsonl"
	CSV   Format = "csv"
	YAML  Format = "yaml"
)

var formats = []Format{Table, JSON, JSONL, CSV, YAML}

// ParseFormat maps an -o value to a Format. Case and surrounding spaces are
// forgiven because the value may come from an environment variable.
func ParseFormat(s string) (Format, error) {
	want := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, f := range formats {
		if f == want {
			return f, nil
		}
	}
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return "", usageErrorf("invalid output format %q: valid formats are %s", s, strings.Join(names, ", "))
}

// CarriesErrors reports whether a failed input is printed in-band as an
// error record. Table and CSV keep errors on stderr so their rows stay uniform.
func (f Format) CarriesErrors() bool {
	return f == JSON || f == JSONL || f == YAML
}

// Color is a terminal colour a Column may give a cell.
type Color int

// Colours a Column.Color func may return.
const (
	NoColor Color = iota
	Red
	Yellow
	Green
	Cyan
	Dim
	Bold
)

// sgr is the ANSI SGR parameter of each colour.
var sgr = map[Color]string{Red: "31", Yellow: "33", Green: "32", Cyan: "36", Dim: "2", Bold: "1"}

// paint wraps s in the colour's escape sequence; unknown colours leave s as is.
func paint(s string, c Color) string {
	code, ok := sgr[c]
	if !ok || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// UsageError reports a bad --fields, --jq or -o value; the CLI exits 2.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) *UsageError {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}
