package stix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// ValidationError lists every rule a bundle breaks, each prefixed by where.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string { return strings.Join(e.Problems, "\n") }

var (
	uuid4Re = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)
	})
	timestampRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	})
	customPropertyRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9_]{3,250}$`) })
	hexRe            = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]+$`) })
)

// Validate checks a serialized bundle against the STIX 2.1 rules that a bundle of
// indicators and TLP markings touches, as encoded from the specification:
//   - the bundle: type "bundle", id bundle--UUIDv4, no spec_version (2.1 dropped it), objects
//     a non-empty list, identifiers unique;
//   - every object: a known type (indicator, marking-definition), spec_version "2.1", id
//     "<type>--<UUIDv4>" (version nibble 4, variant 10xx), created a UTC timestamp with Z
//     and millisecond precision, custom property names of 3–250 characters a–z, 0–9, _;
//   - indicator: the required properties (pattern, pattern_type, valid_from, created,
//     modified), modified not before created, valid_until after valid_from, the pattern
//     parsed by ParsePattern and each comparison's object path and value checked, indicator
//     types from indicator-type-ov, labels, confidence 0–100, kill chain phases and external
//     references well formed;
//   - marking-definition: definition_type and definition, TLP levels, the predefined TLP
//     objects exactly as the specification prints them, no SDO-only property (modified…);
//   - object_marking_refs resolve to a marking definition in the bundle or to a predefined
//     TLP marking.
//
// It is stricter than the specification on open vocabularies (indicator_types must come
// from the suggested values) and knows only the object paths NewBundle writes.
func Validate(data []byte) error {
	v := &validator{}
	var bundle map[string]json.RawMessage
	if err := json.Unmarshal(data, &bundle); err != nil {
		return &ValidationError{[]string{"bundle: not a JSON object: " + err.Error()}}
	}
	v.bundle(bundle)
	if len(v.problems) > 0 {
		return &ValidationError{v.problems}
	}
	return nil
}

type validator struct {
	problems []string
	where    string
}

func (v *validator) add(format string, args ...any) {
	v.problems = append(v.problems, v.where+": "+fmt.Sprintf(format, args...))
}

func (v *validator) bundle(b map[string]json.RawMessage) {
	v.where = "bundle"
	if s, ok := v.str(b, "type", true); ok && s != "bundle" {
		v.add("type %q, want \"bundle\"", s)
	}
	if id, ok := v.str(b, "id", true); ok {
		v.identifier(id, "bundle", "id")
	}
	if _, ok := b["spec_version"]; ok {
		v.add("spec_version is not a bundle property in STIX 2.1")
	}
	for name := range b {
		if name != "type" && name != "id" && name != "objects" && name != "spec_version" {
			v.add("unknown property %q", name)
		}
	}
	raw, ok := b["objects"]
	if !ok {
		return
	}
	var objs []json.RawMessage
	if err := json.Unmarshal(raw, &objs); err != nil {
		v.add("objects is not a list")
		return
	}
	if len(objs) == 0 {
		v.add("objects is empty: leave it out or give at least one object")
	}
	parsed := make([]map[string]json.RawMessage, len(objs))
	ids := map[string]string{} // id → type
	for i, o := range objs {
		v.where = fmt.Sprintf("objects[%d]", i)
		if err := json.Unmarshal(o, &parsed[i]); err != nil || parsed[i] == nil {
			v.add("not a JSON object")
			continue
		}
		id, _ := v.str(parsed[i], "id", false)
		if _, dup := ids[id]; dup && id != "" {
			v.add("id %s appears twice", id)
		}
		typ, _ := v.str(parsed[i], "type", false)
		ids[id] = typ
	}
	for i, o := range parsed {
		if o == nil {
			continue
		}
		id, _ := v.str(o, "id", false)
		v.where = fmt.Sprintf("objects[%d] %s", i, id)
		v.object(o, ids)
	}
}

// sdoOnly are common properties a marking definition does not have.
var sdoOnly = []string{"modified", "revoked", "labels", "confidence", "lang"}

func (v *validator) object(o map[string]json.RawMessage, ids map[string]string) {
	typ, ok := v.str(o, "type", true)
	if !ok {
		return
	}
	if id, ok := v.str(o, "id", true); ok {
		v.identifier(id, typ, "id")
	}
	if s, ok := v.str(o, "spec_version", true); ok && s != SpecVersion {
		v.add("spec_version %q, want %q", s, SpecVersion)
	}
	created, _ := v.timestamp(o, "created", true, true)
	if ref, ok := v.str(o, "created_by_ref", false); ok {
		v.identifier(ref, "identity", "created_by_ref")
	}
	v.markingRefs(o, ids)
	v.externalReferences(o)
	switch typ {
	case "indicator":
		v.indicator(o, created)
		v.properties(o, indicatorProperties)
	case "marking-definition":
		v.marking(o)
		v.properties(o, markingProperties)
	default:
		v.add("object type %q is not one this bundle may hold (indicator, marking-definition)", typ)
	}
}

var commonProperties = []string{"type", "spec_version", "id", "created", "created_by_ref", "external_references", "object_marking_refs", "granular_markings", "extensions"}

var indicatorProperties = append(slices.Clone(commonProperties),
	"modified", "revoked", "labels", "confidence", "lang",
	"name", "description", "indicator_types", "pattern", "pattern_type", "pattern_version",
	"valid_from", "valid_until", "kill_chain_phases")

var markingProperties = append(slices.Clone(commonProperties), "name", "definition_type", "definition")

// properties: a property outside the object's own is custom, and custom names are
// restricted; a marking definition may not carry the SDO-only common properties.
func (v *validator) properties(o map[string]json.RawMessage, known []string) {
	for _, name := range sortedKeys(o) {
		switch {
		case slices.Contains(known, name):
		case slices.Contains(sdoOnly, name):
			v.add("%s is not a property of this object type", name)
		case !customPropertyRe().MatchString(name):
			v.add("property name %q: custom properties use 3–250 characters a–z, 0–9 and _", name)
		}
	}
}

func (v *validator) indicator(o map[string]json.RawMessage, created time.Time) {
	modified, okM := v.timestamp(o, "modified", true, true)
	if okM && !created.IsZero() && modified.Before(created) {
		v.add("modified %s is before created", Timestamp(modified))
	}
	from, okF := v.timestamp(o, "valid_from", true, false)
	until, okU := v.timestamp(o, "valid_until", false, false)
	if okF && okU && !until.After(from) {
		v.add("valid_until must be later than valid_from")
	}
	ptype, okT := v.str(o, "pattern_type", true)
	pattern, okP := v.str(o, "pattern", true)
	if okT && okP && ptype == "stix" {
		v.pattern(pattern)
	}
	v.str(o, "name", false)
	v.str(o, "description", false)
	if types, ok := v.strings(o, "indicator_types"); ok {
		for _, t := range types {
			if !slices.Contains(indicatorTypeVocabulary, t) {
				v.add("indicator_types %q is not in indicator-type-ov", t)
			}
		}
	}
	v.strings(o, "labels")
	if raw, ok := o["confidence"]; ok {
		var n int
		if json.Unmarshal(raw, &n) != nil || n < 0 || n > 100 {
			v.add("confidence %s is not an integer 0–100", raw)
		}
	}
	v.killChainPhases(o)
}

// indicatorTypeVocabulary is indicator-type-ov of STIX 2.1.
var indicatorTypeVocabulary = []string{"anomalous-activity", "anonymization", "benign", "compromised", "malicious-activity", "attribution", "unknown"}

func (v *validator) pattern(s string) {
	p, err := ParsePattern(s)
	if err != nil {
		v.add("pattern %q: %v", s, err)
		return
	}
	for _, c := range p.Comparisons() {
		if err := checkComparison(c); err != nil {
			v.add("pattern %q: %v", s, err)
		}
	}
}

// hashLengths are the hex lengths of the hash algorithms whose size is fixed.
var hashLengths = map[string]int{"MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-512": 128, "SHA3-256": 64, "SHA3-512": 128}

// checkComparison knows the object paths NewBundle writes and what their values must be.
func checkComparison(c Comparison) error {
	path := c.PathString()
	switch {
	case path == "domain-name:value", path == "url:value", path == "email-addr:value":
		if c.Value == "" {
			return fmt.Errorf("%s compared with an empty string", path)
		}
		if path == "email-addr:value" && !strings.Contains(c.Value, "@") {
			return fmt.Errorf("%s %q is not an email address", path, c.Value)
		}
	case path == "ipv4-addr:value", path == "ipv6-addr:value":
		return checkAddress(c.ObjectType, c.Value)
	case c.ObjectType == "file" && len(c.Path) == 2 && c.Path[0] == "hashes":
		alg := c.Path[1]
		if !slices.Contains([]string{"MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP", "TLSH"}, alg) {
			return fmt.Errorf("hash algorithm %q is not in hash-algorithm-ov", alg)
		}
		if n, fixed := hashLengths[alg]; fixed && (len(c.Value) != n || !hexRe().MatchString(c.Value)) {
			return fmt.Errorf("%s %q is not %d hexadecimal digits", path, c.Value, n)
		}
	default:
		return fmt.Errorf("object path %s is not one this validator knows", path)
	}
	return nil
}

// checkAddress: ipv4-addr and ipv6-addr values are an address or a CIDR block of the
// matching family.
func checkAddress(typ, s string) error {
	var a netip.Addr
	if p, err := netip.ParsePrefix(s); err == nil {
		a = p.Addr()
	} else if a, err = netip.ParseAddr(s); err != nil || a.Zone() != "" {
		return fmt.Errorf("%s:value %q is not an address or CIDR block", typ, s)
	}
	if (typ == "ipv4-addr") != a.Is4() {
		return fmt.Errorf("%s:value %q is of the other IP version", typ, s)
	}
	return nil
}

func (v *validator) marking(o map[string]json.RawMessage) {
	v.str(o, "name", false)
	dtype, okT := v.str(o, "definition_type", true)
	raw, okD := o["definition"]
	if !okD {
		v.add("missing required property definition")
		return
	}
	var def map[string]any
	if json.Unmarshal(raw, &def) != nil {
		v.add("definition is not an object")
		return
	}
	if okT && dtype == "tlp" {
		level, _ := def["tlp"].(string)
		if !slices.Contains(TLPLevels, level) || len(def) != 1 {
			v.add(`definition of a TLP marking must be {"tlp": "white"|"green"|"amber"|"red"}, got %s`, raw)
		}
	}
	if okT && dtype == "statement" {
		if s, _ := def["statement"].(string); s == "" {
			v.add("definition of a statement marking needs statement")
		}
	}
	id, _ := v.str(o, "id", false)
	for _, level := range TLPLevels {
		if tlpIDs[level] == id {
			v.predefined(o, level)
		}
	}
}

// predefined: an object with a predefined TLP id must be that object, property for property.
func (v *validator) predefined(o map[string]json.RawMessage, level string) {
	want, _ := TLPMarking(level)
	wb, _ := json.Marshal(want)
	var wm map[string]json.RawMessage
	_ = json.Unmarshal(wb, &wm)
	if len(o) != len(wm) {
		v.add("differs from the predefined TLP:%s marking definition", strings.ToUpper(level))
		return
	}
	for k, w := range wm {
		if !jsonEqual(o[k], w) {
			v.add("%s differs from the predefined TLP:%s marking definition (want %s)", k, strings.ToUpper(level), w)
		}
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

func (v *validator) markingRefs(o map[string]json.RawMessage, ids map[string]string) {
	refs, ok := v.strings(o, "object_marking_refs")
	if !ok {
		return
	}
	for _, ref := range refs {
		if !v.identifier(ref, "marking-definition", "object_marking_refs") {
			continue
		}
		if ids[ref] != "marking-definition" && !slices.Contains(slices.Collect(maps.Values(tlpIDs)), ref) {
			v.add("object_marking_refs %s resolves to no marking definition in the bundle and no predefined TLP marking", ref)
		}
	}
}

func (v *validator) killChainPhases(o map[string]json.RawMessage) {
	raw, ok := o["kill_chain_phases"]
	if !ok {
		return
	}
	var phases []map[string]any
	if json.Unmarshal(raw, &phases) != nil || len(phases) == 0 {
		v.add("kill_chain_phases is not a non-empty list of objects")
		return
	}
	for i, p := range phases {
		for _, k := range []string{"kill_chain_name", "phase_name"} {
			if s, _ := p[k].(string); s == "" {
				v.add("kill_chain_phases[%d] needs %s", i, k)
			}
		}
	}
}

func (v *validator) externalReferences(o map[string]json.RawMessage) {
	raw, ok := o["external_references"]
	if !ok {
		return
	}
	var refs []map[string]any
	if json.Unmarshal(raw, &refs) != nil || len(refs) == 0 {
		v.add("external_references is not a non-empty list of objects")
		return
	}
	for i, r := range refs {
		if s, _ := r["source_name"].(string); s == "" {
			v.add("external_references[%d] needs source_name", i)
		}
	}
}

// identifier checks "<typ>--<UUIDv4>" and reports under property name.
func (v *validator) identifier(id, typ, name string) bool {
	prefix, uuid, ok := strings.Cut(id, "--")
	switch {
	case !ok || !uuid4Re().MatchString(uuid):
		v.add("%s %q is not %s--<UUIDv4>", name, id, typ)
	case prefix != typ:
		v.add("%s %q does not name a %s", name, id, typ)
	default:
		return true
	}
	return false
}

// timestamp checks an RFC 3339 UTC timestamp ending in Z; millis asks for at least
// millisecond precision, which created and modified must have.
func (v *validator) timestamp(o map[string]json.RawMessage, name string, required, millis bool) (time.Time, bool) {
	s, ok := v.str(o, name, required)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if !timestampRe().MatchString(s) || err != nil {
		v.add("%s %q is not an RFC 3339 timestamp in UTC ending in Z", name, s)
		return time.Time{}, false
	}
	if _, frac, _ := strings.Cut(strings.TrimSuffix(s, "Z"), "."); millis && len(frac) < 3 {
		v.add("%s %q is not precise to the millisecond", name, s)
	}
	return t, true
}

// str reads a string property, reporting it missing (when required) or not a string.
func (v *validator) str(o map[string]json.RawMessage, name string, required bool) (string, bool) {
	raw, ok := o[name]
	if !ok {
		if required {
			v.add("missing required property %s", name)
		}
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		v.add("%s is not a string", name)
		return "", false
	}
	return s, true
}

// strings reads an optional list of strings, which STIX wants non-empty when present.
func (v *validator) strings(o map[string]json.RawMessage, name string) ([]string, bool) {
	raw, ok := o[name]
	if !ok {
		return nil, false
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err != nil || len(l) == 0 {
		v.add("%s is not a non-empty list of strings", name)
		return nil, false
	}
	return l, true
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
