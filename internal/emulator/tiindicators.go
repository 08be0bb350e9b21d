package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/mdti-cli/mdti/internal/emulator/secops"
	"github.com/mdti-cli/mdti/internal/lazy"
)

// The beta tiIndicators set (api-reference/beta/api/tiindicator*.md, resources/tiindicator.md
// and resources/security-error-codes.md): creation checks the required fields, and the four
// bulk actions answer per item.

// indicatorActions are the actions bound to security/tiIndicators.
var indicatorActions = lazy.Value[map[string]setAction]{New: func() map[string]setAction {
	return map[string]setAction{
		"submitTiIndicators":             submitIndicators,
		"updateTiIndicators":             updateIndicators,
		"deleteTiIndicators":             deleteIndicators,
		"deleteTiIndicatorsByExternalId": deleteIndicatorsByExternalID,
	}
}}

// maxSubmit is the documented limit of submitTiIndicators (resources/tiindicator.md:
// "There's a limit of 100 tiIndicators per request.").
const maxSubmit = 100

// indicatorRequired are the fields tiindicators-post.md requires besides an observable.
var indicatorRequired = []string{"action", "description", "expirationDateTime", "targetProduct", "threatType", "tlpLevel"}

// indicatorObservables are the email, file and network observables of the resource page;
// an indicator needs at least one.
var indicatorObservables = []string{
	"emailEncoding", "emailLanguage", "emailRecipient", "emailSenderAddress", "emailSenderName", "emailSourceDomain", "emailSourceIpAddress", "emailSubject", "emailXMailer",
	"fileCompileDateTime", "fileCreatedDateTime", "fileHashType", "fileHashValue", "fileMutexName", "fileName", "filePacker", "filePath", "fileSize", "fileType",
	"domainName", "networkCidrBlock", "networkDestinationAsn", "networkDestinationCidrBlock", "networkDestinationIPv4", "networkDestinationIPv6", "networkDestinationPort",
	"networkIPv4", "networkIPv6", "networkPort", "networkProtocol", "networkSourceAsn", "networkSourceCidrBlock", "networkSourceIPv4", "networkSourceIPv6", "networkSourcePort",
	"url", "userAgent",
}

// indicatorEnums are the values the resource page allows (compared case-insensitively).
var indicatorEnums = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{
		"action":        {"unknown", "allow", "block", "alert"},
		"tlpLevel":      {"unknown", "white", "green", "amber", "red"},
		"threatType":    {"Botnet", "C2", "CryptoMining", "Darknet", "DDoS", "MaliciousUrl", "Malware", "Phishing", "Proxy", "PUA", "WatchList"},
		"targetProduct": {"Azure Sentinel", "Microsoft Defender ATP"},
	}
}}

// indicatorProblem returns what is wrong with an indicator to create, or "". optional
// names a required field to let pass (see submitIndicators).
func indicatorProblem(fields map[string]any, optional ...string) string {
	for _, k := range indicatorRequired {
		if slices.Contains(optional, k) {
			continue
		}
		if v, ok := fields[k]; !ok || v == nil || v == "" {
			return fmt.Sprintf("The required property '%s' is missing or empty.", k)
		}
	}
	if p := enumProblem(fields); p != "" {
		return p
	}
	for _, k := range indicatorObservables {
		if v, ok := fields[k]; ok && v != nil && v != "" {
			return ""
		}
	}
	return "A tiIndicator must contain at least one email, file, or network observable."
}

// enumProblem checks the enumerated properties present in fields.
func enumProblem(fields map[string]any) string {
	for _, k := range []string{"action", "tlpLevel", "threatType", "targetProduct"} {
		v, ok := fields[k]
		if !ok || v == nil {
			continue
		}
		s, _ := v.(string)
		if !containsFold(indicatorEnums.Get()[k], s) {
			return fmt.Sprintf("The value '%v' is not valid for property '%s'; allowed values: %s.", v, k, strings.Join(indicatorEnums.Get()[k], ", "))
		}
	}
	return ""
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// createIndicator checks a POSTed tiIndicator and stamps what Graph sets itself.
func createIndicator(e *Emulator, ent *entity) *apiError {
	if p := indicatorProblem(ent.fields); p != "" {
		return badRequest("%s", p)
	}
	stampIndicator(e, ent)
	return nil
}

// stampIndicator gives a new indicator Graph's server-set properties: a fresh id (any id
// sent is replaced), the tenant, the ingestion time, and isActive unless given.
func stampIndicator(e *Emulator, ent *entity) {
	if _, ok := ent.raw["id"]; ok {
		ent.setValue("id", e.newRequestID())
	} else {
		ent.setValue("id", e.newRequestID())
		ent.keys = append([]string{"id"}, ent.keys[:len(ent.keys)-1]...)
	}
	ent.setValue("azureTenantId", secops.TenantID)
	ent.setValue("ingestedDateTime", e.opts.Now().UTC().Format("2006-01-02T15:04:05.0000000Z"))
	if _, ok := ent.raw["isActive"]; !ok {
		ent.setValue("isActive", true)
	}
	ent.ensureType("#microsoft.graph.tiIndicator")
}

// bulkValue reads the {"value": [...]} body of the bulk actions.
func bulkValue(body []byte) ([]json.RawMessage, *apiError) {
	var req struct {
		Value *[]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(body, &req); err != nil || req.Value == nil {
		return nil, badRequest("The request body must be a JSON object with a 'value' collection.")
	}
	return *req.Value, nil
}

// bulkFailure is one failed item of a 206 answer: the item's id or externalId, when it had
// one, and a Graph error object (README: "tiIndicators").
func bulkFailure(id, externalID, code, message string) json.RawMessage {
	o := map[string]any{"error": map[string]string{"code": code, "message": message}}
	if id != "" {
		o["id"] = id
	}
	if externalID != "" {
		o["externalId"] = externalID
	}
	raw, _ := json.Marshal(o)
	return raw
}

// writeBulk answers a bulk action: 200 when every item succeeded, else 206 Partial Content
// with a Warning header per failed item's provider, as security-error-codes.md describes.
func (c actionCall) writeBulk(items []json.RawMessage, failed []string) *apiError {
	status := http.StatusOK
	if len(failed) > 0 {
		status = http.StatusPartialContent
		for _, provider := range failed {
			c.w.Header().Add("Warning", fmt.Sprintf(`199 - "Microsoft/%s/400/0"`, provider))
		}
	}
	buf := []byte(`{"value":[`)
	for i, it := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, it...)
	}
	c.e.stampHeaders(c.w, c.r)
	writeBody(c.w, status, append(buf, "]}"...))
	return nil
}

func stringField(fields map[string]any, k string) string {
	s, _ := fields[k].(string)
	return s
}

// submitIndicators creates each valid indicator (tiindicator-submittiindicators.md). The
// page requires action like POST does, but its own example sends none and shows "action":
// null in the answer: in DocsLiteral mode a missing action is accepted, so the example
// answers as printed; by default it is a failed item.
func submitIndicators(c actionCall) *apiError {
	items, ae := bulkValue(c.body)
	if ae != nil {
		return ae
	}
	if len(items) > maxSubmit {
		return badRequest("The request contains %d tiIndicators; there's a limit of %d tiIndicators per request.", len(items), maxSubmit)
	}
	out := make([]json.RawMessage, 0, len(items))
	var failed []string
	for _, raw := range items {
		ent, err := parseEntity(raw)
		if err != nil {
			out, failed = append(out, bulkFailure("", "", "BadRequest", "The tiIndicator must be a JSON object.")), append(failed, "Unknown")
			continue
		}
		var optional []string
		if c.e.docsLiteral() {
			optional = []string{"action"}
		}
		if p := indicatorProblem(ent.fields, optional...); p != "" {
			out = append(out, bulkFailure("", stringField(ent.fields, "externalId"), "BadRequest", p))
			failed = append(failed, providerOf(ent))
			continue
		}
		stampIndicator(c.e, ent)
		c.st.write(writeOp{kind: writeCreate, id: ent.id(), patch: ent})
		out = append(out, ent.appendJSON(nil, nil))
	}
	return c.writeBulk(out, failed)
}

// providerOf names the provider of a Warning header: the indicator's targetProduct.
func providerOf(ent *entity) string {
	if s := stringField(ent.fields, "targetProduct"); s != "" {
		return s
	}
	return "Unknown"
}

// updateIndicators merges each item into the indicator its id names
// (tiindicator-updatetiindicators.md). The page's text also calls expirationDateTime and
// targetProduct required, but its own example sends only id and one property: the emulator
// requires id only, so the example works.
func updateIndicators(c actionCall) *apiError {
	items, ae := bulkValue(c.body)
	if ae != nil {
		return ae
	}
	out := make([]json.RawMessage, 0, len(items))
	var failed []string
	for _, raw := range items {
		patch, err := parseEntity(raw)
		if err != nil {
			out, failed = append(out, bulkFailure("", "", "BadRequest", "The tiIndicator must be a JSON object.")), append(failed, "Unknown")
			continue
		}
		id := stringField(patch.fields, "id")
		cur, ok := c.st.get(c.e, c.version, id)
		switch {
		case id == "":
			out = append(out, bulkFailure("", stringField(patch.fields, "externalId"), "BadRequest", "The required property 'id' is missing or empty."))
		case !ok:
			out = append(out, bulkFailure(id, "", "NotFound", fmt.Sprintf("No tiIndicator with id '%s' was found.", id)))
		case enumProblem(patch.fields) != "":
			out = append(out, bulkFailure(id, "", "BadRequest", enumProblem(patch.fields)))
		default:
			c.st.write(writeOp{kind: writeMerge, id: id, patch: patch})
			updated, _ := c.st.get(c.e, c.version, id)
			out = append(out, updated.appendJSON(nil, nil))
			continue
		}
		provider := "Unknown"
		if ok {
			provider = providerOf(cur)
		}
		failed = append(failed, provider)
	}
	return c.writeBulk(out, failed)
}

// resultInfo is one item of the deletes' answer (resources/resultinfo.md: code, message,
// subCode): code 200 when the indicator was deleted, 404 when there was none.
func resultInfo(code int, message, subCode string) json.RawMessage {
	var sub any
	if subCode != "" {
		sub = subCode
	}
	raw, _ := json.Marshal(struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		SubCode any    `json:"subCode"`
	}{code, message, sub})
	return raw
}

// bulkKeys reads the string collection of the deletes.
func bulkKeys(body []byte) ([]string, *apiError) {
	var req struct {
		Value *[]string `json:"value"`
	}
	if err := json.Unmarshal(body, &req); err != nil || req.Value == nil {
		return nil, badRequest("The request body must be a JSON object with a 'value' collection of strings.")
	}
	return *req.Value, nil
}

// deleteIndicators deletes by id (tiindicator-deletetiindicators.md): one resultInfo per
// id, in order.
func deleteIndicators(c actionCall) *apiError {
	ids, ae := bulkKeys(c.body)
	if ae != nil {
		return ae
	}
	return c.deleteEach(ids, func(key string) []string {
		if _, ok := c.st.get(c.e, c.version, key); ok {
			return []string{key}
		}
		return nil
	}, "id")
}

// deleteIndicatorsByExternalId deletes every indicator with each externalId
// (tiindicator-deletetiindicatorsbyexternalid.md).
func deleteIndicatorsByExternalID(c actionCall) *apiError {
	keys, ae := bulkKeys(c.body)
	if ae != nil {
		return ae
	}
	return c.deleteEach(keys, func(key string) []string {
		var ids []string
		for _, it := range c.st.items(c.e, c.version) {
			if stringField(it.fields, "externalId") == key && key != "" {
				ids = append(ids, it.id())
			}
		}
		return ids
	}, "externalId")
}

func (c actionCall) deleteEach(keys []string, find func(string) []string, what string) *apiError {
	out := make([]json.RawMessage, 0, len(keys))
	var failed []string
	for _, key := range keys {
		ids := find(key)
		if len(ids) == 0 {
			out = append(out, resultInfo(http.StatusNotFound, fmt.Sprintf("No tiIndicator with %s '%s' was found.", what, key), "NotFound"))
			failed = append(failed, "Unknown")
			continue
		}
		for _, id := range ids {
			c.st.write(writeOp{kind: writeDelete, id: id})
		}
		out = append(out, resultInfo(http.StatusOK, fmt.Sprintf("Deleted tiIndicator with %s '%s'.", what, key), ""))
	}
	return c.writeBulk(out, failed)
}

// badEnums refuses a PATCH that sets an enumerated property to an undocumented value.
func badEnums(patch *entity) *apiError {
	if p := enumProblem(patch.fields); p != "" {
		return badRequest("%s", p)
	}
	return nil
}

// prefersRepresentation reports Prefer: return=representation.
func prefersRepresentation(r *http.Request) bool {
	for _, v := range r.Header.Values("Prefer") {
		for _, p := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(p), "return=representation") {
				return true
			}
		}
	}
	return false
}
