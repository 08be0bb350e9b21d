package actions

import (
	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

var actionColumns = []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "NAME", Field: "name"},
	{Header: "STATUS", Field: "status"},
	{Header: "PARAMETERS", Field: "parameters", Value: parameters, Truncate: true, Answer: true},
	{Header: "PROVIDER", Field: "vendorInformation.provider", Truncate: true},
	{Header: "REASON", Field: "actionReason", Truncate: true, Priority: -1},
	{Header: "CREATED", Field: "createdDateTime", Priority: -1},
}

// parameters are the action's parameters as name=value pairs.
func parameters(o render.Object) string {
	list, _ := o["parameters"].([]any)
	out := ""
	for _, p := range list {
		m, _ := p.(map[string]any)
		pair := views.String(render.Object(m), "name") + "=" + views.String(render.Object(m), "value")
		if out != "" {
			out += ", "
		}
		out += pair
	}
	return out
}

// ListView is one line per action.
var ListView = render.View{Columns: actionColumns}

// GetView is `get` of several ids, with the id asked for.
var GetView = render.View{Columns: shared.WithQuery(actionColumns...)}
