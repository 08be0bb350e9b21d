package reputation

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// View is one line per host: the verdict first, the rules behind it last.
var View = render.View{
	Columns: []render.Column{
		{Header: "QUERY", Field: "query", Truncate: true},
		{Header: "CLASSIFICATION", Field: "classification", Color: views.Classification},
		{Header: "SCORE", Field: "score"},
		{Header: "RULES", Field: "rules", Value: ruleNames, Truncate: true},
	},
	Properties: []string{"query", "@odata.type", "id", "classification", "score", "rules"},
	NoCard:     true,
}

// ruleNames lists the rules as "name (severity)", the most useful line an analyst can read.
func ruleNames(o render.Object) string {
	v, _ := o.Lookup("rules")
	rules, _ := v.([]any)
	names := make([]string, 0, len(rules))
	for _, r := range rules {
		rule, ok := r.(map[string]any)
		if !ok {
			continue
		}
		name, _ := rule["name"].(string)
		if sev, _ := rule["severity"].(string); sev != "" {
			name += " (" + sev + ")"
		}
		names = append(names, name)
	}
	return strings.Join(names, "; ")
}
