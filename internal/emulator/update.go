package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/emulator/secops"
)

// UpdateRule is how a set's PATCH differs from a plain merge of its properties: which body
// members it takes, what it checks, the item it appends, and how it answers.
type UpdateRule struct {
	// Members are the body's allowed top-level members ("@odata.type" always is).
	Members []string
	// Check returns a 400 message for a body the page rejects, "" when it is fine.
	Check func(body map[string]any) string
	// Append names the collection property each update adds an item to, and Item builds
	// that item from the body and the clock.
	Append string
	Item   func(body map[string]any, now time.Time) map[string]any
	// NoContent answers 204 unless the request sends Prefer: return=representation.
	NoContent bool
}

// controlProfileUpdate follows securescorecontrolprofile-update.md: the body carries
// assignedTo, comment and state at the top level and must carry vendorInformation with
// provider and vendor; the change shows in controlStateUpdates; the answer is 204, or 200
// with the profile under Prefer: return=representation.
var controlProfileUpdate = &UpdateRule{
	Members: []string{"assignedTo", "comment", "state", "vendorInformation"},
	Check: func(body map[string]any) string {
		vi, _ := body["vendorInformation"].(map[string]any)
		provider, _ := vi["provider"].(string)
		vendor, _ := vi["vendor"].(string)
		if provider == "" || vendor == "" {
			return "The request body must contain vendorInformation with provider and vendor."
		}
		if st, ok := body["state"]; ok {
			if s, _ := st.(string); !slices.Contains(secops.ControlStates, s) {
				return "Invalid state: possible values are " + strings.Join(secops.ControlStates, ", ") + "."
			}
		}
		return ""
	},
	Append: "controlStateUpdates",
	Item: func(body map[string]any, now time.Time) map[string]any {
		item := map[string]any{"assignedTo": body["assignedTo"], "comment": body["comment"], "state": body["state"],
			"updatedBy": CommentAuthor, "updatedDateTime": now.UTC().Format("2006-01-02T15:04:05.000000Z")}
		return item
	},
	NoContent: true,
}

// patchByRule answers a PATCH on a set with an UpdateRule.
func (e *Emulator) patchByRule(w http.ResponseWriter, r *http.Request, version string, st *setState, id string, body []byte) *apiError {
	rule := st.row.Update
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return badRequest("The request body must be a JSON object.")
	}
	for k := range m {
		if k != "@odata.type" && !slices.Contains(rule.Members, k) {
			return badRequest("The property '%s' cannot be updated on type '%s'.", k, st.typ.qualified())
		}
	}
	if msg := rule.Check(m); msg != "" {
		return badRequest("%s", msg)
	}
	if _, ok := st.get(e, version, id); !ok {
		return notFound("No %s with id '%s' was found.", st.row.Type, id)
	}
	item, _ := json.Marshal(rule.Item(m, e.opts.Now()))
	st.write(writeOp{kind: writeAppend, id: id, prop: rule.Append, item: item})
	e.stampHeaders(w, r)
	if rule.NoContent && !strings.Contains(strings.ToLower(r.Header.Get("Prefer")), "return=representation") {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	ent, _ := st.get(e, version, id)
	writeBody(w, http.StatusOK, singleBody(version, &resource{typeName: st.row.Type, typ: st.typ, context: st.row.Root, single: ent}, &queryOptions{}))
	return nil
}
