package stix

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// Options are the sources of time and identifiers, injected so tests are exact.
type Options struct {
	Now  func() time.Time // created, modified and valid_from; time.Now when nil
	Rand io.Reader        // randomness of the UUIDv4 identifiers; crypto/rand when nil
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) rand() io.Reader {
	if o.Rand != nil {
		return o.Rand
	}
	return rand.Reader
}

// IndicatorTypes maps a tiIndicator threatType to the STIX 2.1 indicator-type-ov
// vocabulary (anomalous-activity, anonymization, benign, compromised, malicious-activity,
// attribution, unknown). An indicator whose action is allow is benign whatever its type:
// it lists what must not be blocked.
var IndicatorTypes = map[string][]string{
	"Botnet":       {"malicious-activity", "compromised"}, // a botnet node is a compromised host
	"C2":           {"malicious-activity"},
	"CryptoMining": {"malicious-activity"},
	"Darknet":      {"anonymization"},
	"DDoS":         {"malicious-activity"},
	"MaliciousUrl": {"malicious-activity"},
	"Malware":      {"malicious-activity"},
	"Phishing":     {"malicious-activity"},
	"Proxy":        {"anonymization"},
	"PUA":          {"anomalous-activity"},
	"WatchList":    {"unknown"}, // "the threat cannot be determined"
}

// killChainPhases maps tiIndicator killChain values to the phases of the Lockheed Martin
// kill chain as STIX names them.
var killChainPhases = map[string]string{
	"Reconnaissance": "reconnaissance",
	"Weaponization":  "weaponization",
	"Delivery":       "delivery",
	"Exploitation":   "exploitation",
	"Installation":   "installation",
	"C2":             "command-and-control",
	"Actions":        "actions-on-objectives",
}

// hashAlgorithms maps fileHashType to STIX hash-algorithm-ov names; ctph (context-triggered
// piecewise hashing) is SSDEEP. authenticodeHash256, lsHash and unknown have no STIX name.
var hashAlgorithms = map[string]string{
	"md5":    "MD5",
	"sha1":   "SHA-1",
	"sha256": "SHA-256",
	"ctph":   "SSDEEP",
}

// NewBundle converts indicators to a bundle: the predefined TLP marking definitions they
// use (in the order white, green, amber, red), then one indicator object each, in order.
// Errors name the 1-based position of the indicator.
func NewBundle(inds []tiindicator.Indicator, opts Options) (Bundle, error) {
	now := opts.now()
	id, err := NewID("bundle", opts.rand())
	if err != nil {
		return Bundle{}, err
	}
	b := Bundle{Type: "bundle", ID: id, Objects: []any{}}
	used := map[string]bool{}
	var objs []any
	for i, ind := range inds {
		si, err := NewIndicator(ind, now, opts.rand())
		if err != nil {
			return Bundle{}, fmt.Errorf("indicator %d: %w", i+1, err)
		}
		used[ind.TLPLevel] = true
		objs = append(objs, si)
	}
	for _, level := range TLPLevels {
		if m, ok := TLPMarking(level); ok && used[level] {
			b.Objects = append(b.Objects, m)
		}
	}
	b.Objects = append(b.Objects, objs...)
	return b, nil
}

// NewIndicator converts one tiIndicator, created at now:
//   - pattern: the observables joined by OR in one observation expression (see Pattern);
//   - valid_from now, valid_until the expirationDateTime, which must be later;
//   - indicator_types from threatType (IndicatorTypes), benign for action allow;
//   - labels: threatType, then the tags;
//   - name: the first observable's value; description, confidence as given;
//   - kill_chain_phases from killChain; external_references from externalId and id;
//   - object_marking_refs: the predefined TLP marking (none for tlpLevel unknown).
func NewIndicator(ind tiindicator.Indicator, now time.Time, rnd io.Reader) (Indicator, error) {
	comps, err := comparisons(ind)
	if err != nil {
		return Indicator{}, err
	}
	created := Timestamp(now)
	si := Indicator{
		Type: "indicator", SpecVersion: SpecVersion,
		Created: created, Modified: created, ValidFrom: created,
		Name:        comps[0].value,
		Description: ind.Description,
		Pattern:     joinComparisons(comps),
		PatternType: "stix",
		Confidence:  ind.Confidence,
	}
	if si.ID, err = NewID("indicator", rnd); err != nil {
		return Indicator{}, err
	}
	if ind.ExpirationDateTime != "" {
		until, err := ind.ExpirationTime()
		if err != nil {
			return Indicator{}, fmt.Errorf("expirationDateTime %q: %w", ind.ExpirationDateTime, err)
		}
		if !until.After(now) {
			return Indicator{}, fmt.Errorf("expirationDateTime %s is not after valid_from %s", ind.ExpirationDateTime, created)
		}
		si.ValidUntil = Timestamp(until)
	}
	si.IndicatorTypes = IndicatorTypes[ind.ThreatType]
	if ind.Action == "allow" {
		si.IndicatorTypes = []string{"benign"}
	}
	si.Labels = labels(ind)
	for _, k := range ind.KillChain {
		if phase, ok := killChainPhases[k]; ok {
			si.KillChainPhases = append(si.KillChainPhases, KillChainPhase{"lockheed-martin-cyber-kill-chain", phase})
		}
	}
	if ind.ExternalID != "" {
		si.ExternalReferences = append(si.ExternalReferences, ExternalReference{"tiIndicator externalId", ind.ExternalID})
	}
	if ind.ID != "" {
		si.ExternalReferences = append(si.ExternalReferences, ExternalReference{"Microsoft Graph tiIndicator", ind.ID})
	}
	if id, ok := tlpIDs[ind.TLPLevel]; ok {
		si.ObjectMarkingRefs = []string{id}
	}
	return si, nil
}

func labels(ind tiindicator.Indicator) []string {
	var l []string
	for _, s := range append([]string{ind.ThreatType}, ind.Tags...) {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(l, s) {
			l = append(l, s)
		}
	}
	return l
}

// comparison is one "object-path = 'value'" of a pattern.
type comparison struct {
	path, value string
}

// comparisons lists what the tiIndicator observes, in a fixed order. Only these properties
// become comparisons: domainName, url, the IPv4/IPv6 address and CIDR properties,
// fileHashValue with fileHashType, and emailSenderAddress. Other observables (fileName,
// ports, user agent…) are not carried over.
func comparisons(ind tiindicator.Indicator) ([]comparison, error) {
	var out []comparison
	add := func(path, value string) {
		c := comparison{path, value}
		if value != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	add("domain-name:value", ind.DomainName)
	add("url:value", ind.URL)
	for _, a := range []string{
		ind.NetworkIPv4, ind.NetworkDestinationIPv4, ind.NetworkSourceIPv4,
		ind.NetworkIPv6, ind.NetworkDestinationIPv6, ind.NetworkSourceIPv6,
		ind.NetworkCidrBlock, ind.NetworkDestinationCidrBlock, ind.NetworkSourceCidrBlock,
	} {
		if a == "" {
			continue
		}
		path, err := addressPath(a)
		if err != nil {
			return nil, err
		}
		add(path, a)
	}
	if ind.FileHashValue != "" {
		alg, ok := hashAlgorithms[ind.FileHashType]
		if !ok {
			return nil, fmt.Errorf("fileHashType %q has no STIX hash algorithm", ind.FileHashType)
		}
		add("file:hashes.'"+alg+"'", ind.FileHashValue)
	}
	add("email-addr:value", ind.EmailSenderAddress)
	if len(out) == 0 {
		return nil, fmt.Errorf("no observable STIX can express: want domainName, url, an IPv4/IPv6 address or CIDR block, fileHashValue or emailSenderAddress")
	}
	return out, nil
}

// addressPath is ipv4-addr:value or ipv6-addr:value for an address or CIDR block.
func addressPath(a string) (string, error) {
	var is4 bool
	if p, err := netip.ParsePrefix(a); err == nil {
		is4 = p.Addr().Is4()
	} else if ip, err := netip.ParseAddr(a); err == nil && ip.Zone() == "" {
		is4 = ip.Is4()
	} else {
		return "", fmt.Errorf("%q is not an IP address or CIDR block", a)
	}
	if is4 {
		return "ipv4-addr:value", nil
	}
	return "ipv6-addr:value", nil
}

func joinComparisons(cs []comparison) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.path + " = " + QuoteString(c.value)
	}
	return "[" + strings.Join(parts, " OR ") + "]"
}

// QuoteString writes s as a STIX pattern string literal: in single quotes, with backslash
// and single quote escaped by a backslash, the only two escapes the grammar has.
func QuoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}

// Timestamp writes t as STIX wants created, modified and valid_*: RFC 3339 in UTC with Z
// and millisecond precision.
func Timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// NewID is "<type>--<UUIDv4>" from 16 bytes of r, with the version and variant bits set as
// RFC 4122 §4.4 says.
func NewID(typ string, r io.Reader) (string, error) {
	var u [16]byte
	if _, err := io.ReadFull(r, u[:]); err != nil {
		return "", fmt.Errorf("generate identifier: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%s--%x-%x-%x-%x-%x", typ, u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}

// Encode writes the bundle as indented JSON followed by a newline, leaving <, > and &
// unescaped: URLs in patterns stay readable.
func Encode(w io.Writer, b Bundle) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}
