package score

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// scoreProperties are secureScore's properties (securescore.md): what CSV prints.
var scoreProperties = []string{"id", "createdDateTime", "currentScore", "maxScore", "activeUserCount",
	"licensedUserCount", "enabledServices", "averageComparativeScores", "controlScores", "azureTenantId",
	"vendorInformation"}

// scoreColumns leave the id out: it is the tenant id and the date (over 40 characters),
// and the date is already there; --fields id or -o json show it.
var scoreColumns = []render.Column{
	{Header: "DATE", Field: "createdDateTime", Value: views.Date("createdDateTime")},
	{Header: "CURRENT", Field: "currentScore", Value: number("currentScore")},
	{Header: "MAX", Field: "maxScore", Value: number("maxScore")},
	{Header: "PERCENT", Field: "currentScore", Value: percent},
}

// ScoreListView is one line per daily secure score.
var ScoreListView = render.View{Columns: scoreColumns, Properties: scoreProperties}

// ScoreGetView is `score ID` of several ids.
var ScoreGetView = render.View{Columns: shared.WithQuery(scoreColumns...), Properties: append([]string{"query"}, scoreProperties...)}

// ScoreCardView is one score: its totals and the per-category breakdown of its controls.
var ScoreCardView = render.View{Columns: []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "DATE", Field: "createdDateTime"},
	{Header: "CURRENT", Field: "currentScore", Value: number("currentScore")},
	{Header: "MAX", Field: "maxScore", Value: number("maxScore")},
	{Header: "PERCENT", Field: "currentScore", Value: percent},
	{Header: "BY CATEGORY", Field: "controlScores", Value: byCategory},
	{Header: "COMPARED", Field: "averageComparativeScores", Value: compared},
	{Header: "USERS", Field: "activeUserCount", Value: users},
	{Header: "SERVICES", Field: "enabledServices", Value: views.Join("enabledServices"), Truncate: true},
}, Properties: append([]string{"query"}, scoreProperties...)}

func parseNumber(o render.Object, path string) (float64, bool) {
	f, err := strconv.ParseFloat(views.String(o, path), 64)
	return f, err == nil
}

// number shows a score with at most two decimals, other text as is (the beta pages'
// placeholders are strings).
func number(path string) func(render.Object) string {
	return func(o render.Object) string {
		if f, ok := parseNumber(o, path); ok {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return views.String(o, path)
	}
}

func percent(o render.Object) string {
	cur, ok1 := parseNumber(o, "currentScore")
	max, ok2 := parseNumber(o, "maxScore")
	if !ok1 || !ok2 || max == 0 {
		return ""
	}
	return fmt.Sprintf("%.1f%%", 100*cur/max)
}

// byCategory sums the control scores by controlCategory: "Identity 23.9, Data 12, …",
// in the order the categories first appear.
func byCategory(o render.Object) string {
	v, _ := o.Lookup("controlScores")
	items, _ := v.([]any)
	sums := map[string]float64{}
	var order []string
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		c := views.String(render.Object(m), "controlCategory")
		s, _ := parseNumber(render.Object(m), "score")
		if _, seen := sums[c]; !seen {
			order = append(order, c)
		}
		sums[c] += s
	}
	out := make([]string, len(order))
	for i, c := range order {
		out[i] = fmt.Sprintf("%s %s", c, strconv.FormatFloat(round2(sums[c]), 'f', -1, 64))
	}
	return strings.Join(out, ", ")
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// compared lists the average scores of comparable tenants: "AllTenants 37.53, …".
func compared(o render.Object) string {
	v, _ := o.Lookup("averageComparativeScores")
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, views.String(render.Object(m), "basis")+" "+number("averageScore")(render.Object(m)))
		}
	}
	return strings.Join(out, ", ")
}

func users(o render.Object) string {
	a, l := views.String(o, "activeUserCount"), views.String(o, "licensedUserCount")
	if a == "" && l == "" {
		return ""
	}
	return a + " active of " + l + " licensed"
}

// controlProperties are secureScoreControlProfile's properties (securescorecontrolprofile.md).
var controlProperties = []string{"id", "title", "service", "controlCategory", "maxScore", "tier", "rank",
	"actionType", "actionUrl", "implementationCost", "userImpact", "remediation", "remediationImpact",
	"threats", "deprecated", "lastModifiedDateTime", "complianceInformation", "controlStateUpdates",
	"azureTenantId", "vendorInformation"}

var controlColumns = []render.Column{
	{Header: "TITLE", Field: "title", Truncate: true},
	{Header: "SERVICE", Field: "service"},
	{Header: "CATEGORY", Field: "controlCategory"},
	{Header: "MAX", Field: "maxScore", Value: number("maxScore")},
	{Header: "TIER", Field: "tier"},
	{Header: "STATE", Field: "controlStateUpdates", Value: stateOf("state")},
	{Header: "ID", Field: "id"},
}

// ControlListView is one line per control profile.
var ControlListView = render.View{Columns: controlColumns, Properties: controlProperties}

// ControlGetView is `score control` of several ids.
var ControlGetView = render.View{Columns: shared.WithQuery(controlColumns...), Properties: append([]string{"query"}, controlProperties...)}

// ControlCardView is one control profile.
var ControlCardView = render.View{Columns: []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "TITLE", Field: "title"},
	{Header: "SERVICE", Field: "service"},
	{Header: "CATEGORY", Field: "controlCategory"},
	{Header: "MAX SCORE", Field: "maxScore", Value: number("maxScore")},
	{Header: "TIER", Field: "tier"},
	{Header: "RANK", Field: "rank"},
	{Header: "STATE", Field: "controlStateUpdates", Value: stateOf("state")},
	{Header: "ASSIGNED TO", Field: "controlStateUpdates", Value: stateOf("assignedTo")},
	{Header: "COMMENT", Field: "controlStateUpdates", Value: stateOf("comment")},
	{Header: "USER IMPACT", Field: "userImpact"},
	{Header: "COST", Field: "implementationCost"},
	{Header: "THREATS", Field: "threats", Value: views.Join("threats")},
	{Header: "ACTION", Field: "actionUrl", Value: func(o render.Object) string {
		return strings.TrimSpace(views.String(o, "actionType") + " " + views.String(o, "actionUrl"))
	}},
	{Header: "REMEDIATION", Field: "remediation", Value: views.Summary("remediation"), Truncate: true},
	{Header: "DEPRECATED", Field: "deprecated"},
}, Properties: append([]string{"query"}, controlProperties...)}

// stateOf reads a property of the newest controlStateUpdates entry (the last one).
func stateOf(prop string) func(render.Object) string {
	return func(o render.Object) string {
		v, _ := o.Lookup("controlStateUpdates")
		items, _ := v.([]any)
		if len(items) == 0 {
			return ""
		}
		m, _ := items[len(items)-1].(map[string]any)
		return views.String(render.Object(m), prop)
	}
}
