package alerts

import (
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// properties are alert's properties in the resource table's order (security-alert.md):
// what CSV prints.
var properties = []string{"id", "title", "severity", "status", "classification", "determination",
	"serviceSource", "detectionSource", "category", "assignedTo", "incidentId", "createdDateTime",
	"lastUpdateDateTime", "firstActivityDateTime", "lastActivityDateTime", "resolvedDateTime",
	"description", "recommendedActions", "actorDisplayName", "threatDisplayName", "threatFamilyName",
	"mitreTechniques", "providerAlertId", "detectorId", "tenantId", "alertWebUrl", "incidentWebUrl",
	"comments", "evidence", "systemTags"}

// listColumns fit the terminal: the id stays whole and is the last to go (it is what the
// other verbs take), the title shrinks, and on a narrow terminal the assignee and the
// source drop first.
var listColumns = []render.Column{
	{Header: "CREATED", Field: "createdDateTime", Value: views.Date("createdDateTime"), Priority: 2},
	{Header: "SEVERITY", ShortHeader: "SEV", Field: "severity", Value: shared.SeverityCell("severity"), Color: shared.SeverityColor, Priority: 3},
	{Header: "STATUS", Field: "status", Value: shared.EnumCell("status"), Priority: 2},
	{Header: "TITLE", Field: "title", Truncate: true, MinWidth: 12, Priority: 1},
	{Header: "SOURCE", Field: "serviceSource", Value: shared.ServiceCell("serviceSource"), Priority: -1},
	{Header: "ASSIGNED TO", ShortHeader: "ASSIGNED", Field: "assignedTo", Truncate: true, MinWidth: 8, Priority: -2},
	{Header: "ID", Field: "id", Answer: true},
}

// ListView is one line per alert of `alerts list`.
var ListView = render.View{Columns: listColumns, Properties: properties}

// GetView is `alerts get` of several ids: the list's columns after the id asked for.
var GetView = render.View{Columns: shared.WithQuery(listColumns...), Properties: append([]string{"query"}, properties...)}

// CardView is `alerts get` of one id: a card on a terminal, its evidence summarised.
var CardView = render.View{Columns: []render.Column{
	{Header: "ID", Field: "id"},
	{Header: "TITLE", Field: "title"},
	{Header: "SEVERITY", Field: "severity", Value: shared.EnumCell("severity"), Color: shared.SeverityColor},
	{Header: "STATUS", Field: "status", Value: shared.EnumCell("status")},
	{Header: "CLASSIFICATION", Field: "classification", Value: shared.EnumCell("classification")},
	{Header: "DETERMINATION", Field: "determination", Value: shared.EnumCell("determination")},
	{Header: "SERVICE SOURCE", Field: "serviceSource", Value: shared.EnumCell("serviceSource")},
	{Header: "DETECTION", Field: "detectionSource", Value: shared.EnumCell("detectionSource")},
	{Header: "CATEGORY", Field: "category"},
	{Header: "MITRE", Field: "mitreTechniques", Value: views.Join("mitreTechniques")},
	{Header: "INCIDENT", Field: "incidentId"},
	{Header: "ASSIGNED TO", Field: "assignedTo"},
	{Header: "CREATED", Field: "createdDateTime"},
	{Header: "UPDATED", Field: "lastUpdateDateTime"},
	{Header: "DESCRIPTION", Field: "description", Truncate: true},
	{Header: "EVIDENCE", Field: "evidence", Value: Evidence("evidence"), Truncate: true},
	{Header: "COMMENTS", Field: "comments", Value: views.Count("comments", "comment")},
	{Header: "URL", Field: "alertWebUrl"},
}, Properties: append([]string{"query"}, properties...)}

// Evidence summarises an evidence array as "kind value" items: "ip 203.0.113.10; url
// https://…; file invoice.exe; user alice@contoso.com".
func Evidence(path string) func(render.Object) string {
	return func(o render.Object) string {
		v, _ := o.Lookup(path)
		items, _ := v.([]any)
		out := make([]string, 0, len(items))
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				out = append(out, EvidenceItem(render.Object(m)))
			}
		}
		return strings.Join(out, "; ")
	}
}

// EvidenceItem names one evidence item by its kind and main value.
func EvidenceItem(e render.Object) string {
	kind := strings.TrimSuffix(views.Kind(e, ""), "Evidence")
	s := func(p string) string { return views.String(e, p) }
	var value string
	switch strings.ToLower(kind) {
	case "ip":
		value = s("ipAddress")
	case "url":
		value = s("url")
	case "dns":
		value = s("domainName")
	case "networkconnection":
		kind = "connection"
		value = fmt.Sprintf("%s → %s", s("sourceAddress.ipAddress"), s("destinationAddress.ipAddress"))
		if p := s("destinationPort"); p != "" {
			value += ":" + p
		}
	case "analyzedmessage":
		kind = "mail"
		value = fmt.Sprintf("%q from %s", s("subject"), s("p1Sender.emailAddress"))
	case "file":
		value = s("fileDetails.fileName")
	case "process":
		value = s("imageFile.fileName")
	case "user":
		value = firstNonEmpty(s("userAccount.userPrincipalName"), s("userAccount.accountName"))
	case "device":
		value = firstNonEmpty(s("deviceDnsName"), s("mdeDeviceId"))
	case "mailbox":
		value = firstNonEmpty(s("primaryAddress"), s("upn"))
	case "registrykey":
		kind = "registry"
		value = s("registryHive") + `\` + s("registryKey")
	case "cloudapplication":
		kind = "app"
		value = s("displayName")
	}
	if kind == "" {
		kind = "evidence"
	}
	return strings.TrimSpace(kind + " " + value)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
