package graph

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// redactedText replaces a secret in every message the client builds from server text.
const redactedText = "[REDACTED]"

// secretParam matches a credential echoed as a form field, a query parameter, a JSON
// member or a header-like "name: value" (a proxy or WAF page that echoes the request,
// an error envelope quoting it). The name is kept, the value goes.
var secretParam = lazy.Regexp(`(?i)("?\b(?:client_secret|client_assertion|assertion|access_token|refresh_token|id_token|device_code|password|x-api-key)"?\s*[=:]\s*)("(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s&,;"'<>}\]]+)`)

// authHeader matches an Authorization or Proxy-Authorization header echoed back, whatever
// its scheme: the scheme is kept, the credentials go.
var authHeader = lazy.Regexp(`(?i)\b((?:proxy-)?authorization"?\s*[:=]\s*"?)([A-Za-z]+\s+)?[A-Za-z0-9\-._~+/=]+`)

// bearerValue matches "Bearer <token>" anywhere; the token must hold a character other
// than a letter, so that prose ("bearer authentication") is left alone.
var bearerValue = lazy.Regexp(`(?i)\b(bearer\s+)([A-Za-z0-9\-._~+/=]{8,})`)

// jwtLike matches a JSON Web Token (header.payload[.signature]); every Entra token is one.
var jwtLike = lazy.Regexp(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?`)

// redactSecrets removes every credential a server may have echoed back to us.
func redactSecrets(s string) string {
	if s == "" {
		return s
	}
	s = secretParam().ReplaceAllString(s, "${1}"+redactedText)
	s = authHeader().ReplaceAllString(s, "${1}${2}"+redactedText)
	s = bearerValue().ReplaceAllStringFunc(s, func(m string) string {
		sub := bearerValue().FindStringSubmatch(m)
		if strings.IndexFunc(sub[2], func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			return m
		}
		return sub[1] + redactedText
	})
	return jwtLike().ReplaceAllString(s, redactedText)
}

// tokenMemo remembers the bearer tokens the client sent, so that an opaque token (one
// that does not look like a JWT, e.g. MDTI_TOKEN) echoed in an error is redacted too.
type tokenMemo struct {
	mu   sync.Mutex
	toks []string // most recent last; a handful at most
}

const maxMemoTokens = 4

func (m *tokenMemo) add(tok string) {
	if len(tok) < 8 { // too short to search for without mangling messages
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range m.toks {
		if t == tok {
			return
		}
	}
	m.toks = append(m.toks, tok)
	if len(m.toks) > maxMemoTokens {
		m.toks = m.toks[1:]
	}
}

func (m *tokenMemo) redact(s string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range m.toks {
		s = strings.ReplaceAll(s, t, redactedText)
	}
	return s
}

// escapeSeq matches a terminal escape sequence as a whole: CSI (ESC [ or U+009B, then
// parameters and one final byte), OSC, DCS, SOS, PM and APC strings (up to BEL or ST, or
// the end of the text), and two-byte ESC sequences. Removing only the ESC byte would leave
// "[31m" or a window title behind.
var escapeSeq = lazy.Regexp("(?:\x1b\\[|\u009b)[0-?]*[ -/]*[@-~]?" +
	"|(?:\x1b[\\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])(?:[^\x07\x1b\u009c]*)(?:\x07|\x1b\\\\|\u009c)?" +
	"|\x1b[ -~]?")

// oneLine removes escape sequences whole and replaces other control characters with
// spaces, so that server text can neither break the single-line error format nor drive
// a terminal.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\x1b\u009b\u0090\u0098\u009d\u009e\u009f") {
		s = escapeSeq().ReplaceAllString(s, "")
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// cutUTF8 returns at most n bytes of s, never splitting a rune.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
