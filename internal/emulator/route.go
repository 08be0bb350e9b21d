package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// tiPrefix is where every threat-intelligence path lives under the version root.
var tiPrefix = []string{"security", "threatIntelligence"}

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

// serveGraph answers one Graph request (never a $batch).
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
	rest, ok := trimTIPrefix(toks)
	if !ok {
		e.writeAPIError(w, r, notFound("Resource not found for the segment '%s'.", firstText(toks)))
		return
	}
	if r.Method != http.MethodGet {
		e.writeAPIError(w, r, &apiError{status: http.StatusMethodNotAllowed, code: "Request_BadRequest", message: "The HTTP method '" + r.Method + "' is not allowed for this resource; threat intelligence is read-only."})
		return
	}
	if ae := e.checkFault(rest, version, r.URL.EscapedPath()); ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if f, host, ok := faultOf(rest); ok && e.serveFault(w, r, f, host, isCollectionPath(rest)) {
		return
	}
	res, ae := e.resolve(e.data[version], version, rest)
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	e.respond(w, r, version, res)
}

func (e *Emulator) throttled() *apiError {
	return &apiError{status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Too many requests. Please retry after the time given in the Retry-After header.", retryAfter: retryAfterSeconds(e.opts.RetryAfter)}
}

func trimTIPrefix(toks []token) ([]token, bool) {
	if len(toks) < len(tiPrefix)+1 {
		return nil, false
	}
	for i, p := range tiPrefix {
		if toks[i].text != p || toks[i].isKey {
			return nil, false
		}
	}
	return toks[len(tiPrefix):], true
}

func firstText(toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return toks[0].text
}

// checkFault applies random failures and the reserved fault hosts to hosts/{id}[/...] paths.
func (e *Emulator) checkFault(toks []token, version, escapedPath string) *apiError {
	if e.randomFailure() {
		return &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0"}
	}
	f, _, ok := faultOf(toks)
	if !ok {
		return nil
	}
	return e.faults.check(f, version+" "+escapedPath, e.opts.Now())
}

// faultOf returns the fault of a hosts/{id}[/...] path whose id is a reserved fault host.
func faultOf(toks []token) (fault, string, bool) {
	if len(toks) < 2 || toks[0].text != "hosts" {
		return fault{}, "", false
	}
	f, ok := lookupFault(toks[1].text)
	return f, toks[1].text, ok
}

// isCollectionPath says whether hosts/{id}/... names a collection: everything below a host
// except the single-valued reputation and whois.
func isCollectionPath(toks []token) bool {
	if len(toks) < 3 {
		return false
	}
	switch toks[2].text {
	case "reputation":
		return false
	case "whois":
		return len(toks) > 3 // whois/history
	}
	return true
}
