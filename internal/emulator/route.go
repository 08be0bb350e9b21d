package emulator

import (
	"io"
	"net/http"
	"net/url"
	"strings"
)

// token is one piece of a parsed path: an entity set or property name, or a key.
type token struct {
	text  string
	isKey bool // came from a key position: hosts('x') or the segment after an entity set
}

// splitPath splits the escaped path after "/{version}/" into tokens. It works on the escaped
// form so that "%2F" inside a key stays part of the key, and expands the OData key form
// hosts('contoso.com') into the two tokens "hosts", "contoso.com".
func splitPath(escaped, version string) ([]token, *apiError) {
	rest := strings.TrimPrefix(escaped, "/"+version)
	rest = strings.TrimPrefix(rest, "/")
	if rest == "" {
		return nil, nil
	}
	var out []token
	for _, seg := range strings.Split(rest, "/") {
		toks, err := splitSegment(seg)
		if err != nil {
			return nil, err
		}
		out = append(out, toks...)
	}
	return out, nil
}

func splitSegment(seg string) ([]token, *apiError) {
	name, inner, keyed := cutKey(seg)
	text, err := url.PathUnescape(name)
	if err != nil {
		return nil, badRequest("Invalid escape in path segment '%s'.", seg)
	}
	if !keyed {
		return []token{{text: text}}, nil
	}
	key, err := url.PathUnescape(inner)
	if err != nil {
		return nil, badRequest("Invalid escape in key '%s'.", inner)
	}
	key, ok := unquoteKey(key)
	if !ok {
		return nil, badRequest("Bad request - Invalid key syntax in segment '%s'.", seg)
	}
	return []token{{text: text}, {text: key, isKey: true}}, nil
}

// cutKey splits "set(key)" into "set" and "key".
func cutKey(seg string) (name, inner string, keyed bool) {
	open := strings.IndexByte(seg, '(')
	if open <= 0 || !strings.HasSuffix(seg, ")") {
		return seg, "", false
	}
	return seg[:open], seg[open+1 : len(seg)-1], true
}

// unquoteKey turns 'contoso.com' into contoso.com with doubled quotes undone; an unquoted
// key (numbers, ids without quotes) is taken as is.
func unquoteKey(k string) (string, bool) {
	if !strings.HasPrefix(k, "'") {
		return k, !strings.Contains(k, "'")
	}
	if len(k) < 2 || !strings.HasSuffix(k, "'") {
		return "", false
	}
	body := k[1 : len(k)-1]
	if strings.Count(strings.ReplaceAll(body, "''", ""), "'") > 0 {
		return "", false
	}
	return strings.ReplaceAll(body, "''", "'"), true
}

// serveGraph answers one Graph request (never a $batch): authentication, rate limit,
// routing through the registry, the method check, faults, then the row's answer.
func (e *Emulator) serveGraph(w http.ResponseWriter, r *http.Request, version string) {
	if ae := e.authenticate(r); ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if !e.limiter.allow() {
		e.writeAPIError(w, r, e.throttled())
		return
	}
	toks, ae := splitPath(r.URL.EscapedPath(), version)
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if ae := e.gate(r, toks); ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if h, ok := e.sets.action(toks); ok {
		if ae := e.checkFault(nil, version, r.URL.EscapedPath()); ae != nil { // random failures
			e.writeAPIError(w, r, ae)
			return
		}
		e.serveAction(w, r, version, h)
		return
	}
	st, rest, ok := e.sets.match(toks)
	if !ok {
		e.writeAPIError(w, r, unknownPath(toks))
		return
	}
	if st.row.betaOnly && version != "beta" {
		e.writeAPIError(w, r, segmentNotFound(lastSegment(st.row.Root)))
		return
	}
	if r.Method != http.MethodGet && st.row.ti != nil {
		e.writeAPIError(w, r, &apiError{status: http.StatusMethodNotAllowed, code: "Request_BadRequest", message: "The HTTP method '" + r.Method + "' is not allowed for this resource; threat intelligence is read-only."})
		return
	}
	if ae := e.checkFault(rest, version, r.URL.EscapedPath()); ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if f, key, ok := faultOf(rest); ok && e.serveFault(w, r, f, key, isCollectionPath(rest)) {
		return
	}
	if r.Method != http.MethodGet || isBound(st, rest) {
		e.serveSetWrite(w, r, version, st, rest)
		return
	}
	var res *resource
	if st.row.ti != nil {
		res, ae = e.resolveTI(&st.row, e.tiData(version), version, append([]token{{text: st.row.ti.set}}, rest...))
	} else {
		res, ae = e.resolveSet(st, version, rest)
	}
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	e.respond(w, r, version, res)
}

// unknownPath is the 404 of a path no row serves, naming the first segment Graph would not
// know: the set under security/threatIntelligence, else the first one.
func unknownPath(toks []token) *apiError {
	if len(toks) > 2 && toks[0].text == "security" && toks[1].text == "threatIntelligence" {
		return segmentNotFound(toks[2].text)
	}
	return segmentNotFound(firstText(toks))
}

// serveAction answers a POST action with its handler.
func (e *Emulator) serveAction(w http.ResponseWriter, r *http.Request, version string, h ActionHandler) {
	if r.Method != http.MethodPost {
		e.writeAPIError(w, r, methodNotAllowed(r.Method))
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	status, resp := h(version, e.docsLiteral(), body, e.opts.Now())
	e.stampHeaders(w, r)
	if len(resp) == 0 {
		w.WriteHeader(status)
		return
	}
	writeRaw(w, status, jsonContentType, resp)
}

func (e *Emulator) throttled() *apiError {
	return &apiError{status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Too many requests. Please retry after the time given in the Retry-After header.", retryAfter: retryAfterSeconds(e.opts.RetryAfter)}
}

func firstText(toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return toks[0].text
}

// checkFault applies random failures, and the reserved fault keys to any keyed path.
func (e *Emulator) checkFault(rest []token, version, escapedPath string) *apiError {
	if e.randomFailure() {
		return &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0"}
	}
	f, _, ok := faultOf(rest)
	if !ok {
		return nil
	}
	return e.faults.check(f, version+" "+escapedPath, e.opts.Now())
}

// faultOf returns the fault of a path whose key is a reserved fault key: the key right
// after the set's root (hosts/{id}, alerts_v2/{id}) or any key written set('key').
func faultOf(rest []token) (fault, string, bool) {
	for i, t := range rest {
		if i != 0 && !t.isKey {
			continue
		}
		if f, ok := lookupFault(t.text); ok {
			return f, t.text, true
		}
	}
	return fault{}, "", false
}

// isCollectionPath says whether {id}/... names a collection: everything below an entity
// except a host's single-valued reputation and whois.
func isCollectionPath(rest []token) bool {
	if len(rest) < 2 {
		return false
	}
	switch rest[1].text {
	case "reputation":
		return false
	case "whois":
		return len(rest) > 2 // whois/history
	}
	return true
}
