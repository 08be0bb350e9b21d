package shared

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// EnumCell shows an enum value in the resource tables' camelCase whatever case Graph sent
// (the incident examples print TruePositive, Active, Medium).
func EnumCell(path string) func(render.Object) string {
	return func(o render.Object) string { return CamelCase(views.String(o, path)) }
}

// CamelCase lower-cases the first letter: "TruePositive" → "truePositive".
func CamelCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// SeverityColor colours a severity cell: high red, medium yellow, the rest plain.
func SeverityColor(cell string) render.Color {
	switch strings.ToLower(cell) {
	case "high":
		return render.Red
	case "medium":
		return render.Yellow
	}
	return render.NoColor
}

// serviceAbbrev are the short names analysts use for Defender's services, so the service
// column fits a terminal; CSV and JSON keep Graph's value.
var serviceAbbrev = map[string]string{
	"microsoftdefenderforendpoint":  "MDE",
	"microsoftdefenderforidentity":  "MDI",
	"microsoftdefenderforcloudapps": "MDA",
	"microsoftdefenderforoffice365": "MDO",
	"microsoft365defender":          "M365D",
	"azureadidentityprotection":     "AADIP",
	"microsoftappgovernance":        "AppGov",
	"datalossprevention":            "DLP",
	"microsoftdefenderforcloud":     "MDC",
	"microsoftsentinel":             "Sentinel",
}

// ServiceCell shows a serviceSource by its short name (MDE, MDO…), any other value as
// Graph sent it.
func ServiceCell(path string) func(render.Object) string {
	return func(o render.Object) string {
		v := views.String(o, path)
		if s, ok := serviceAbbrev[strings.ToLower(v)]; ok {
			return s
		}
		return CamelCase(v)
	}
}

// SeverityCell shows a severity in camelCase, "informational" as "info" so the column
// stays narrow; json and csv keep Graph's value.
func SeverityCell(path string) func(render.Object) string {
	return func(o render.Object) string {
		v := CamelCase(views.String(o, path))
		if v == "informational" {
			return "info"
		}
		return v
	}
}
