package emulator

import (
	"net/http"
)

// setAction is an action bound to a set or to one of its entities: it reads the POST body
// and writes the whole answer, or returns the error to write. key is the entity's id for an
// entity-bound action, "" for a set-bound one.
type setAction func(c actionCall) *apiError

// actionCall is what a bound action works with: this emulator's state of the set.
type actionCall struct {
	e       *Emulator
	w       http.ResponseWriter
	r       *http.Request
	version string
	st      *setState
	key     string
	body    []byte
}

// isBound says whether the tokens after a set's root name one of its bound actions.
func isBound(st *setState, rest []token) bool {
	switch len(rest) {
	case 1:
		return !rest[0].isKey && st.row.bound[rest[0].text] != nil
	case 2:
		return st.row.boundEntity[rest[1].text] != nil
	}
	return false
}

// runBound answers a bound action: POST only, as for every action.
func (e *Emulator) runBound(w http.ResponseWriter, r *http.Request, version string, st *setState, a setAction, key string, body []byte) *apiError {
	if r.Method != http.MethodPost {
		return methodNotAllowed(r.Method)
	}
	return a(actionCall{e: e, w: w, r: r, version: version, st: st, key: key, body: body})
}

// now is the emulator's clock in Graph's timestamp form.
func (c actionCall) now() string {
	return c.e.opts.Now().UTC().Format("2006-01-02T15:04:05.0000000Z")
}
