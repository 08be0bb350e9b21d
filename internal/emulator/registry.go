package emulator

import (
	"encoding/json"
	"time"

	"github.com/mdti-cli/mdti/internal/emulator/secops"
	"github.com/mdti-cli/mdti/internal/lazy"
)

// EntitySet is one row of the registry: a Graph entity set under its service root, what
// it allows, and where its data comes from. Adding a Graph entity set means a data source
// (a Loader) and one row in builtinSets (or Options.Sets for a test).
type EntitySet struct {
	// Root is the set's path under the version root, e.g. "security/alerts_v2".
	Root string
	// Type is the entity type without namespace, e.g. "alert"; Namespace is
	// "microsoft.graph.security." or "microsoft.graph.".
	Type      string
	Namespace string
	// Properties are the documented properties (resource table), checked by $select,
	// $filter and $orderby; navigation properties are added automatically.
	Properties []string
	// List says how GET on the root answers.
	List ListPolicy
	// Methods are the methods allowed besides GET; any other answers 405.
	Methods Methods
	// Navigations are relationships to other sets, for root/{id}/{name} and $expand=name.
	Navigations map[string]Navigation
	// Appendable are collection-valued properties that POST root/{id}/{name} appends to
	// (alert and incident comments); GET root/{id}/{name} lists them.
	Appendable map[string]Appendable
	// Load returns the set's entities; it is called once per emulator, version and mode, on
	// the set's first request.
	Load Loader
	// Update, when set, replaces the plain merge of a PATCH (MethodPatch) for sets whose
	// update page documents other rules (secureScoreControlProfile).
	Update *UpdateRule

	ti *tiRow // threat-intelligence sets: served from the shared TI data (resolve.go)

	// patchNoContent: PATCH answers 204 unless the request says Prefer:
	// return=representation (tiindicator-update.md); otherwise 200 with the entity.
	patchNoContent bool
	// onPatch checks a PATCH body's values (names are checked against Properties).
	onPatch func(patch *entity) *apiError
	// betaOnly: the set exists in beta only; under v1.0 its segment is unknown (404).
	betaOnly bool
	// onCreate checks and stamps an entity POSTed to the root before it is stored.
	onCreate func(e *Emulator, ent *entity) *apiError
	// bound are the actions bound to the set (POST root/{name}) and to one entity (POST
	// root/{id}/{name}): the tiIndicators bulk actions, cancelSecurityAction.
	bound       map[string]setAction
	boundEntity map[string]setAction
}

// Loader returns the entities of a set as JSON objects for an API version ("v1.0" or
// "beta"). literal is Options.DocsLiteral: the documentation's example payloads as written,
// rather than the resource tables' forms. now is the emulator's clock, for data whose
// timestamps are relative to the present. Objects must have a string "id"; "_"-prefixed
// members are internal and never served.
type Loader func(version string, literal bool, now time.Time) []json.RawMessage

// ActionHandler answers a POST action such as security/runHuntingQuery: the request body
// (decompressed) in, the status and JSON body out. version is "v1.0" or "beta"; literal is
// Options.DocsLiteral and now the emulator's clock, as for a Loader.
type ActionHandler func(version string, literal bool, body []byte, now time.Time) (status int, resp []byte)

// ListPolicy says how GET on a set's root answers.
type ListPolicy int

const (
	// Listable: the collection, with $filter, $top/$skip, $count, $select, $orderby, $expand.
	Listable ListPolicy = iota
	// ListNotSupported: 400 "List retrieval is not yet supported", as the TI docs say of
	// hosts, hostPairs and others.
	ListNotSupported
	// ListSearchRequired: listable only with $search (TI sslCertificates, whoisRecords).
	ListSearchRequired
)

// Methods is a set of HTTP methods a row allows besides GET.
type Methods uint8

const (
	// MethodPatch merges the given top-level properties into root/{id}.
	MethodPatch Methods = 1 << iota
	// MethodPost creates an entity by POST root (201 with the entity).
	MethodPost
	// MethodDelete removes root/{id} (204).
	MethodDelete
)

// Navigation relates an entity to the entities of another set whose ForeignKey property
// holds its id: incident → alerts is {Set: "security/alerts_v2", ForeignKey: "incidentId"}.
type Navigation struct {
	Set        string
	ForeignKey string
}

// Appendable describes a collection-valued property POST appends to.
type Appendable struct {
	// ItemType is the item's type with namespace, e.g. "microsoft.graph.security.alertComment".
	ItemType string
	// Stamp adds server-set members to a posted item (createdDateTime, author...).
	Stamp func(item map[string]any, now time.Time)
}

// The namespaces of Graph types.
const (
	NamespaceSecurity = "microsoft.graph.security."
	NamespaceGraph    = "microsoft.graph."
)

// builtinSets is the registry. The threat-intelligence rows are served from the shared
// data files with their own relations (resolve.go). The security rows are served
// generically; their data comes from package secops.

func builtinSets() []EntitySet {
	sets := tiSets()
	return append(sets,
		EntitySet{Root: "security/alerts_v2", Type: "alert", Namespace: NamespaceSecurity, Properties: alertProperties, Methods: MethodPatch,
			Appendable: map[string]Appendable{"comments": commentsOf("alertComment")}, Load: secopsSet("security/alerts_v2")},
		EntitySet{Root: "security/incidents", Type: "incident", Namespace: NamespaceSecurity, Properties: incidentProperties, Methods: MethodPatch,
			Navigations: map[string]Navigation{"alerts": {Set: "security/alerts_v2", ForeignKey: "incidentId"}},
			Appendable:  map[string]Appendable{"comments": commentsOf("alertComment")}, Load: secopsSet("security/incidents")},
		EntitySet{Root: "security/secureScores", Type: "secureScore", Namespace: NamespaceGraph, Properties: secureScoreProperties, Load: secopsSet("security/secureScores")},
		EntitySet{Root: "security/secureScoreControlProfiles", Type: "secureScoreControlProfile", Namespace: NamespaceGraph, Properties: controlProfileProperties, Methods: MethodPatch,
			Update: controlProfileUpdate, Load: secopsSet("security/secureScoreControlProfiles")},
		EntitySet{Root: "security/tiIndicators", Type: "tiIndicator", Namespace: NamespaceGraph, Methods: MethodPatch | MethodPost | MethodDelete, Load: secopsSet("security/tiIndicators"),
			onCreate: createIndicator, bound: indicatorActions.Get(), patchNoContent: true, onPatch: badEnums, betaOnly: true},
		EntitySet{Root: "security/securityActions", Type: "securityAction", Namespace: NamespaceGraph, Methods: MethodPost, Load: secopsSet("security/securityActions"),
			onCreate: createSecurityAction, boundEntity: securityActionActions.Get(), betaOnly: true},
	)
}

// builtinActions are the POST actions, by path under the version root ("{id}" stands for
// a key).
var builtinActions = lazy.Value[map[string]ActionHandler]{New: func() map[string]ActionHandler {
	return map[string]ActionHandler{
		"security/runHuntingQuery": secops.RunHuntingQueryAs,
	}
}}

// secopsSet is the Loader of the security rows: package secops keys its data by the
// same roots.
func secopsSet(root string) Loader {
	return func(version string, literal bool, now time.Time) []json.RawMessage {
		return secops.Entities(root, version, literal, now)
	}
}

// commentsOf is the comments property of alerts and incidents: Graph stamps the author
// and the time (security-alert-post-comments.md).
func commentsOf(itemType string) Appendable {
	return Appendable{ItemType: NamespaceSecurity + itemType, Stamp: func(item map[string]any, now time.Time) {
		item["createdByDisplayName"] = CommentAuthor
		item["createdDateTime"] = now.UTC().Format("2006-01-02T15:04:05.0000000Z")
	}}
}

// CommentAuthor is the createdByDisplayName of comments posted to the emulator.
const CommentAuthor = "secAdmin@contoso.com"

// Property lists from the v1.0 resource tables (security-alert.md, security-incident.md,
// securescore.md, securescorecontrolprofile.md).
var (
	alertProperties          = []string{"id", "actorDisplayName", "additionalData", "alertPolicyId", "alertWebUrl", "assignedTo", "category", "classification", "comments", "createdDateTime", "description", "detectionSource", "detectorId", "determination", "evidence", "firstActivityDateTime", "incidentId", "incidentWebUrl", "lastActivityDateTime", "lastUpdateDateTime", "mitreTechniques", "productName", "providerAlertId", "recommendedActions", "resolvedDateTime", "serviceSource", "severity", "status", "systemTags", "tenantId", "threatDisplayName", "threatFamilyName", "title"}
	incidentProperties       = []string{"id", "assignedTo", "classification", "comments", "createdDateTime", "customTags", "description", "determination", "displayName", "incidentWebUrl", "lastModifiedBy", "lastUpdateDateTime", "redirectIncidentId", "resolvingComment", "severity", "status", "summary", "systemTags", "tenantId"}
	secureScoreProperties    = []string{"id", "activeUserCount", "averageComparativeScores", "azureTenantId", "controlScores", "createdDateTime", "currentScore", "enabledServices", "licensedUserCount", "maxScore", "vendorInformation"}
	controlProfileProperties = []string{"id", "actionType", "actionUrl", "azureTenantId", "complianceInformation", "controlCategory", "controlStateUpdates", "deprecated", "implementationCost", "lastModifiedDateTime", "maxScore", "rank", "remediation", "remediationImpact", "service", "threats", "tier", "title", "userImpact", "vendorInformation"}
)

// schema is the row's type for the query options; nil Properties accept any property.
func (s *EntitySet) schema() *typeInfo {
	props := append([]string(nil), s.Properties...)
	for n := range s.Navigations {
		props = append(props, n)
	}
	return &typeInfo{name: s.Type, namespace: s.Namespace, props: props, open: s.Properties == nil}
}
