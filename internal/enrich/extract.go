// Package enrich is the pure core of `mdti incidents enrich` and `mdti alerts enrich`
// (docs/reference.md §9): it finds the hosts, IP addresses and URL hosts in alerts'
// evidence, joins them across alerts and incidents, decides what is never sent to MDTI,
// builds the verdict records and the comment posted back to an incident. It does no I/O.
package enrich

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// Extracted is one indicator an alert's evidence carries.
type Extracted struct {
	Indicator  string // as the evidence gives it
	Host       string // what would be looked up: an indicator.Host key
	Kind       string // evidence kind: "ip", "url", "dns", "networkConnection", …
	Property   string // where in the evidence, e.g. "destinationAddress.ipAddress"
	AlertID    string
	IncidentID string
}

// Dropped is evidence that names no host we can look up, and why.
type Dropped struct {
	Extracted // Host is empty
	Err       error
}

// Extraction is what one or more alerts carry, in evidence order.
type Extraction struct {
	Found   []Extracted
	Dropped []Dropped
}

// Add appends another extraction, so incidents can be gathered into one.
func (x *Extraction) Add(y Extraction) {
	x.Found = append(x.Found, y.Found...)
	x.Dropped = append(x.Dropped, y.Dropped...)
}

// WithoutIncidents forgets the incidents, for `mdti alerts enrich`, whose records carry no
// incidentId: joined, one host then gives one record whatever incidents its alerts are in.
func (x Extraction) WithoutIncidents() Extraction {
	out := Extraction{Found: make([]Extracted, len(x.Found)), Dropped: make([]Dropped, len(x.Dropped))}
	copy(out.Found, x.Found)
	copy(out.Dropped, x.Dropped)
	for i := range out.Found {
		out.Found[i].IncidentID = ""
	}
	for i := range out.Dropped {
		out.Dropped[i].IncidentID = ""
	}
	return out
}

var errNotObject = errors.New("not a JSON object")

// FromAlert reads one microsoft.graph.security.alert. incidentID, when not empty, wins over
// the alert's own incidentId: the caller reached the alert through that incident (the
// documented $expand=alerts example shows incident 2972395 holding an alert whose incidentId
// is 28282). Missing, null or mistyped properties are read as absent; only a document that
// is not a JSON object is an error.
func FromAlert(alert []byte, incidentID string) (Extraction, error) {
	o, ok := decodeObject(alert)
	if !ok {
		return Extraction{}, errNotObject
	}
	return fromAlert(o, incidentID), nil
}

// FromIncident reads one microsoft.graph.security.incident fetched with $expand=alerts.
func FromIncident(incident []byte) (Extraction, error) {
	o, ok := decodeObject(incident)
	if !ok {
		return Extraction{}, errNotObject
	}
	id := o.text("id")
	var x Extraction
	alerts, _ := o.get("alerts")
	list, _ := alerts.([]any)
	for _, a := range list {
		if alert, ok := asObject(a); ok {
			x.Add(fromAlert(alert, id))
		}
	}
	return x, nil
}

func fromAlert(alert object, incidentID string) Extraction {
	if incidentID == "" {
		incidentID = alert.text("incidentId")
	}
	e := emitter{base: Extracted{AlertID: alert.text("id"), IncidentID: incidentID}}
	evidence, _ := alert.get("evidence")
	list, _ := evidence.([]any)
	for _, item := range list {
		if ev, ok := asObject(item); ok {
			e.evidence(ev)
		}
	}
	return e.out
}

// emitter turns the values found in evidence into Extracted or Dropped entries.
type emitter struct {
	base Extracted
	out  Extraction
}

func (e *emitter) evidence(ev object) {
	typeName := ev.odataType()
	if t, ok := lookupEvidenceType(typeName); ok {
		e.read(ev, t.kind, t.sources)
		return
	}
	e.scan(map[string]any(ev), kindOf(typeName), "", 0)
}

func (e *emitter) read(ev object, kind string, sources []source) {
	for _, s := range sources {
		walk(map[string]any(ev), s.path, func(value string) { e.emit(kind, s, value) })
	}
}

// maxScanDepth bounds the generic scan of undocumented evidence.
const maxScanDepth = 8

// scan reads evidence of an undocumented type. Guessing from property names would send
// whatever a future type happens to call "name" or "address", so only nested objects that
// say they are a documented evidence type (an ipEvidence, a urlEvidence, a deviceEvidence…)
// are read, with that type's sources and the outer type's kind.
func (e *emitter) scan(v any, kind, at string, depth int) {
	if depth > maxScanDepth {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			e.scan(item, kind, at, depth+1)
		}
	case map[string]any:
		o := object(v)
		if t, ok := lookupEvidenceType(o.odataType()); ok && depth > 0 {
			for _, s := range t.sources {
				shown := source{path: append([]string{at}, s.path...), url: s.url}
				walk(o, s.path, func(value string) { e.emit(kind, shown, value) })
			}
			return
		}
		for _, k := range sortedKeys(o) {
			e.scan(o[k], kind, joinPath(at, k), depth+1)
		}
	}
}

func (e *emitter) emit(kind string, s source, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	x := e.base
	x.Indicator, x.Kind, x.Property = value, kind, strings.Join(s.path, ".")
	host, err := hostOf(value, s.url)
	if err != nil {
		e.out.Dropped = append(e.out.Dropped, Dropped{Extracted: x, Err: err})
		return
	}
	x.Host = host
	e.out.Found = append(e.out.Found, x)
}

// walk follows path through v and calls found with every string at its end.
func walk(v any, path []string, found func(string)) {
	if o, ok := v.(object); ok {
		v = map[string]any(o)
	}
	switch v := v.(type) {
	case string:
		found(v)
	case []any:
		for _, item := range v {
			walk(item, path, found)
		}
	case map[string]any:
		if len(path) == 0 {
			return
		}
		child, _ := object(v).get(path[0])
		walk(child, path[1:], found)
	}
}

// hostOf reduces what evidence gives to the host key we would look up, with the same
// parser as every HOST input: refanged, URLs reduced, case folded, the invalid refused.
func hostOf(value string, isURL bool) (string, error) {
	s := strings.TrimSpace(value)
	if addr, err := netip.ParseAddr(s); err == nil && addr.Zone() != "" {
		// A device's link-local interface comes with its zone ("fe80::1%12"); the zone
		// names an interface of that device and says nothing about the address.
		s = addr.WithZone("").String()
	}
	if isURL {
		var err error
		if s, err = withScheme(indicator.Refang(s)); err != nil {
			return "", err
		}
	}
	h, err := indicator.ParseHost(s)
	if err != nil {
		return "", err
	}
	return h.Key, nil
}

// withScheme gives a scheme-less URL ("evil.example/login", "[2001:db8::1]:8443/x") the
// scheme the URL parser needs, and refuses a URL of a scheme without a host ("mailto:…")
// and an e-mail address, which the URL parser would read as user and host.
func withScheme(s string) (string, error) {
	if strings.Contains(s, "://") {
		return s, nil
	}
	if i := strings.IndexByte(s, ':'); i > 0 && !strings.HasPrefix(s, "[") && !isPort(s[i+1:]) {
		return "", fmt.Errorf("unsupported URL scheme %q", s[:i])
	}
	if strings.Contains(s, "@") {
		return "", errors.New("an e-mail address, not a URL")
	}
	return "http://" + s, nil
}

// isPort is true when s starts with a port number ended by the end, "/", "?" or "#".
func isPort(s string) bool {
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	if end == 0 {
		return false
	}
	for _, r := range s[:end] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func sortedKeys(o object) []string {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func joinPath(at, k string) string {
	if at == "" {
		return k
	}
	return at + "." + k
}
