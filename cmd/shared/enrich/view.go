package enrich

import (
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/enrich"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// columns fit 80 cells: the host is the answer and stays whole; on a narrow terminal the
// evidence kinds go first, then the rule shrinks; the alert ids, long and many, are
// counted (json has them).
func columns(withIncident bool) []render.Column {
	var cols []render.Column
	if withIncident {
		cols = append(cols, render.Column{Header: "INCIDENT", ShortHeader: "INC", Field: "incidentId", Priority: 1})
	}
	return append(cols,
		render.Column{Header: "HOST", Field: "host", Answer: true, Truncate: true, MinWidth: 20},
		render.Column{Header: "CLASS", Field: "classification", Value: classCell, Color: views.Classification, Priority: 3},
		render.Column{Header: "SCORE", Field: "score", Priority: 2},
		render.Column{Header: "EVIDENCE", Field: "evidence", Value: evidenceCell, Truncate: true, MinWidth: 8, Priority: -1},
		render.Column{Header: "ALERTS", ShortHeader: "AL.", Field: "alertIds", Value: countCell("alertIds"), Priority: 0},
		render.Column{Header: "TOP RULE", Field: "rules", Value: ruleCell, Truncate: true, MinWidth: 18, Priority: 1},
	)
}

// newView is the view of one run: CSV prints the documented keys, one per dataset.
func newView(withIncident bool, sets []dataset) render.View {
	props := []string{"indicator", "host", "evidence", "alertIds", "classification", "score", "rules"}
	if withIncident {
		props = append([]string{"incidentId"}, props...)
	}
	for _, d := range sets {
		props = append(props, enrich.DatasetKey(d.name))
	}
	return render.View{Columns: columns(withIncident), Properties: append(props, "skipped")}
}

// classCell is the classification, or "skipped" for what was not sent.
func classCell(o render.Object) string {
	if views.String(o, "skipped") != "" {
		return "skipped"
	}
	return views.String(o, "classification")
}

// ruleCell is the most severe rule as "name (severity)", or why nothing was sent.
func ruleCell(o render.Object) string {
	if reason := views.String(o, "skipped"); reason != "" {
		return reason + " (not sent)"
	}
	v, _ := o.Lookup("rules")
	rules, _ := v.([]any)
	best, bestRank := "", -1
	for _, r := range rules {
		rule, ok := r.(map[string]any)
		if !ok {
			continue
		}
		name, _ := rule["name"].(string)
		sev, _ := rule["severity"].(string)
		if rank := severityRank(sev); rank > bestRank {
			best, bestRank = name, rank
			if sev != "" {
				best += " (" + sev + ")"
			}
		}
	}
	return best
}

// shortKinds are the table's names of the long evidence kinds.
var shortKinds = map[string]string{
	"analyzedMessage": "mail", "networkConnection": "conn", "teamsMessage": "teams",
	"kubernetesPod": "pod", "kubernetesService": "k8s-svc", "ioTDevice": "iot",
}

// evidenceCell lists the evidence kinds compactly: "mail,ip,conn".
func evidenceCell(o render.Object) string {
	v, _ := o.Lookup("evidence")
	kinds, _ := v.([]any)
	out := make([]string, 0, len(kinds))
	for _, k := range kinds {
		s, _ := k.(string)
		if short, ok := shortKinds[s]; ok {
			s = short
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func severityRank(s string) int {
	switch strings.ToLower(s) {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

func countCell(path string) func(render.Object) string {
	return func(o render.Object) string {
		v, _ := o.Lookup(path)
		items, _ := v.([]any)
		return fmt.Sprint(len(items))
	}
}
