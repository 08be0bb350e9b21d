package incidents

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// properties are incident's properties in the resource table's order (security-incident.md),
// alerts last (present with --with-alerts): what CSV prints.
var properties = []string{"id", "displayName", "severity", "status", "classification", "determination",
	"assignedTo", "createdDateTime", "lastUpdateDateTime", "customTags", "systemTags", "description",
	"summary", "redirectIncidentId", "resolvingComment", "lastModifiedBy", "tenantId", "incidentWebUrl",
	"comments", "alerts"}

var listColumns = []render.Column{
	{Header: "CREATED", Field: "createdDateTime", Value: views.Date("createdDateTime")},
	{Header: "SEVERITY", Field: "severity", Value: shared.SeverityCell("severity"), Color: shared.SeverityColor},
	{Header: "STATUS", Field: "status", Value: shared.EnumCell("status")},
	{Header: "NAME", Field: "displayName", Truncate: true},
	{Header: "ASSIGNED TO", Field: "assignedTo", Truncate: true},
	{Header: "ALERTS", Field: "alerts", Value: alertCount},
	{Header: "ID", Field: "id"},
}

// ListView is one line per incident of `incidents list`.
var ListView = render.View{Columns: listColumns, Properties: properties}

// GetView is `incidents get` of several ids.
var GetView = render.View{Columns: shared.WithQuery(listColumns...), Properties: append([]string{"query"}, properties...)}

// CardView is `incidents get` of one id: the incident, its alerts and the entities they
// name (with --with-alerts).
var CardView = render.View{Columns: []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "NAME", Field: "displayName"},
	{Header: "SEVERITY", Field: "severity", Value: shared.EnumCell("severity"), Color: shared.SeverityColor},
	{Header: "STATUS", Field: "status", Value: shared.EnumCell("status")},
	{Header: "CLASSIFICATION", Field: "classification", Value: shared.EnumCell("classification")},
	{Header: "DETERMINATION", Field: "determination", Value: shared.EnumCell("determination")},
	{Header: "ASSIGNED TO", Field: "assignedTo"},
	{Header: "TAGS", Field: "customTags", Value: Tags},
	{Header: "CREATED", Field: "createdDateTime"},
	{Header: "UPDATED", Field: "lastUpdateDateTime"},
	{Header: "DESCRIPTION", Field: "description", Truncate: true},
	{Header: "ALERTS", Field: "alerts", Value: alertList, Truncate: true},
	{Header: "ENTITIES", Field: "alerts", Value: entityCounts},
	{Header: "COMMENTS", Field: "comments", Value: views.Count("comments", "comment")},
	{Header: "URL", Field: "incidentWebUrl"},
}, Properties: append([]string{"query"}, properties...)}

// Tags are the incident's custom tags: customTags as the resource table names them, or
// tags as the $expand example prints them.
func Tags(o render.Object) string {
	if _, ok := o.Lookup("customTags"); ok {
		return views.Join("customTags")(o)
	}
	return views.Join("tags")(o)
}

func alerts(o render.Object) ([]map[string]any, bool) {
	v, ok := o.Lookup("alerts")
	items, _ := v.([]any)
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out, ok
}

// alertCount is the number of alerts when they were expanded, "" otherwise.
func alertCount(o render.Object) string {
	as, ok := alerts(o)
	if !ok {
		return ""
	}
	return fmt.Sprint(len(as))
}

// alertList is "severity title (id)" per alert; "" when they were not expanded.
func alertList(o render.Object) string {
	as, _ := alerts(o)
	out := make([]string, len(as))
	for i, a := range as {
		ao := render.Object(a)
		out[i] = fmt.Sprintf("%s %s (%s)", shared.EnumCell("severity")(ao), views.String(ao, "title"), views.String(ao, "id"))
	}
	return strings.Join(out, "; ")
}

// entityCounts counts the evidence of the incident's alerts by kind: "4 url, 2 ip, 1 user".
func entityCounts(o render.Object) string {
	as, ok := alerts(o)
	if !ok {
		return ""
	}
	counts := map[string]int{}
	for _, a := range as {
		ev, _ := a["evidence"].([]any)
		for _, e := range ev {
			if m, ok := e.(map[string]any); ok {
				counts[strings.TrimSuffix(views.Kind(render.Object(m), ""), "Evidence")]++
			}
		}
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if counts[kinds[i]] != counts[kinds[j]] {
			return counts[kinds[i]] > counts[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	return strings.Join(out, ", ")
}
