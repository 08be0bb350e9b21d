package auth

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// redacted replaces every secret we remove from a message.
const redacted = "[REDACTED]"

// maxSnippet bounds how much of a non-JSON answer (a proxy or WAF page) reaches a message.
const maxSnippet = 160

// secretFields match "name=value", "name: value" and "name":"value" for form fields and JSON
// members that carry credentials: client_secret, client_assertion, access/refresh/id tokens,
// device codes, passwords. A proxy page that echoes the request body shows them this way.
var secretFields = lazy.Regexp(`(?i)((?:[a-z_-]*(?:secret|token|assertion|password)|device_code|code_verifier)["']?\s*[:=]\s*["']?)[^\s&"'<>,;]+`)

// bearerValue matches an Authorization header value.
var bearerValue = lazy.Regexp(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`)

// jwtValue matches anything shaped like a JWT (access, id and assertion tokens).
var jwtValue = lazy.Regexp(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)

// ansiEscape matches terminal escape sequences (CSI and OSC), removed whole rather than
// leaving "[31m" behind once the ESC byte is dropped.
var ansiEscape = lazy.Regexp(`\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)`)

// redactor removes secrets from text bound for stderr and CI logs: the values we know (the
// configured client secret, a certificate password, the federated assertion we read) in
// every encoding a server might echo them, and anything that looks like a credential.
type redactor struct {
	mu     sync.Mutex
	values []string
}

// add remembers a secret value. Very short values are left to the patterns: replacing every
// "ab" in a message would garble it without protecting anything.
func (r *redactor) add(v string) {
	if r == nil || len(v) < 4 {
		return
	}
	forms := []string{v, url.QueryEscape(v), url.PathEscape(v), jsonEscaped(v)}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range forms {
		if !slices.Contains(r.values, f) {
			r.values = append(r.values, f)
		}
	}
	// Longest first, so a value is not half-replaced through a shorter form of it.
	slices.SortFunc(r.values, func(a, b string) int { return len(b) - len(a) })
}

func jsonEscaped(v string) string {
	b, _ := json.Marshal(v) // a string always marshals
	return string(b[1 : len(b)-1])
}

// text returns s with every known value and credential-shaped substring replaced.
func (r *redactor) text(s string) string {
	if r != nil {
		r.mu.Lock()
		for _, v := range r.values {
			s = strings.ReplaceAll(s, v, redacted)
		}
		r.mu.Unlock()
	}
	s = secretFields().ReplaceAllString(s, "${1}"+redacted)
	s = bearerValue().ReplaceAllString(s, "${1}"+redacted)
	return jwtValue().ReplaceAllString(s, redacted)
}

// snippet makes a short, single-line, printable excerpt of a body we could not parse: secrets
// removed first (so a cut cannot expose half of one), control characters dropped, then cut on
// a rune boundary.
func (r *redactor) snippet(body string) string { return r.line(body, maxSnippet) }

// line is snippet with a chosen limit in bytes.
func (r *redactor) line(body string, limit int) string {
	s := ansiEscape().ReplaceAllString(strings.ToValidUTF8(r.text(body), "\uFFFD"), "")
	s = strings.Join(strings.Fields(sanitize(s)), " ")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
