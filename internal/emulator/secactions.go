package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// The beta securityActions set (securityactions-post.md, securityaction-cancelsecurityaction.md).

// securityActionActions are the actions bound to one security action.
var securityActionActions = lazy.Value[map[string]setAction]{New: func() map[string]setAction {
	return map[string]setAction{
		"cancelSecurityAction": cancelSecurityAction,
	}
}}

// createSecurityAction checks a POSTed action and stamps what Graph sets: a numeric id (as
// the example's "1234567890"), status notStarted, the creation and last action times, no
// error.
func createSecurityAction(e *Emulator, ent *entity) *apiError {
	if s := stringField(ent.fields, "name"); s == "" {
		return badRequest("The required property 'name' is missing or empty.")
	}
	e.mu.Lock()
	id := fmt.Sprintf("%d", 1_000_000_000+e.rng.Int64N(9_000_000_000))
	e.mu.Unlock()
	now := e.opts.Now().UTC().Format("2006-01-02T15:04:05.0000000Z")
	if _, ok := ent.raw["id"]; !ok {
		ent.setValue("id", id)
		ent.keys = append([]string{"id"}, ent.keys[:len(ent.keys)-1]...)
	} else {
		ent.setValue("id", id)
	}
	ent.setValue("status", "notStarted")
	ent.setValue("createdDateTime", now)
	ent.setValue("lastActionDateTime", now)
	ent.setValue("errorInfo", nil)
	return nil
}

// cancelSecurityAction answers 200 with no body for a known action and records the time of
// the request as its lastActionDateTime; the page documents no other effect (operationStatus
// has no "cancelled" member).
func cancelSecurityAction(c actionCall) *apiError {
	if _, ok := c.st.get(c.e, c.version, c.key); !ok {
		return notFound("No securityAction with id '%s' was found.", c.key)
	}
	patch := &entity{raw: map[string]json.RawMessage{}, fields: map[string]any{}, meta: map[string]any{}}
	patch.setValue("lastActionDateTime", c.now())
	c.st.write(writeOp{kind: writeMerge, id: c.key, patch: patch})
	c.e.stampHeaders(c.w, c.r)
	c.w.WriteHeader(http.StatusOK)
	return nil
}
