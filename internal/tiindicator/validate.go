package tiindicator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxDescription is the documented limit of description: "Brief description (100
// characters or less)". The documentation's own examples exceed it (101 characters), so it
// is a warning, not an error.
const MaxDescription = 100

// ValidationError lists everything wrong with one indicator, so a user fixes a file once.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string { return strings.Join(e.Problems, "; ") }

// Decode reads one tiIndicator object, naming the property whose JSON type is wrong.
func Decode(raw json.RawMessage) (Indicator, error) {
	var ind Indicator
	err := json.Unmarshal(raw, &ind)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		return Indicator{}, fmt.Errorf("not a tiIndicator object: JSON %s", te.Value)
	}
	if errors.As(err, &te) {
		return Indicator{}, fmt.Errorf("%s: want %s, got JSON %s", te.Field, jsonKind(te.Type.String()), te.Value)
	}
	if err != nil {
		return Indicator{}, fmt.Errorf("not a tiIndicator object: %w", err)
	}
	return ind, nil
}

func jsonKind(goType string) string {
	switch goType {
	case "int32", "int64":
		return "a whole number"
	case "bool":
		return "true or false"
	case "[]string":
		return "an array of strings"
	}
	return "a string"
}

// required are the properties submitTiIndicators and POST need on every indicator
// (api-reference/beta/api/tiindicator-submittiindicators.md).
var required = []struct {
	name  string
	value func(Indicator) string
}{
	{"action", func(i Indicator) string { return i.Action }},
	{"description", func(i Indicator) string { return i.Description }},
	{"expirationDateTime", func(i Indicator) string { return i.ExpirationDateTime }},
	{"targetProduct", func(i Indicator) string { return i.TargetProduct }},
	{"threatType", func(i Indicator) string { return i.ThreatType }},
	{"tlpLevel", func(i Indicator) string { return i.TLPLevel }},
}

// Validate checks what Graph requires of a new indicator: the six required properties,
// at least one email, file or network observable, the documented enumeration values, a
// fileHashType beside fileHashValue, timestamps, addresses and the documented ranges of
// confidence (0–100) and severity (0–5). It returns a *ValidationError or nil.
func Validate(ind Indicator) error {
	var p []string
	add := func(err error) {
		if err != nil {
			p = append(p, err.Error())
		}
	}
	for _, r := range required {
		if strings.TrimSpace(r.value(ind)) == "" {
			p = append(p, "missing required property "+r.name)
		}
	}
	if !hasObservable(ind) {
		p = append(p, "no observable: set at least one email, file or network property (domainName, networkIPv4, url, fileHashValue, emailSenderAddress…)")
	}
	for _, err := range checkEnums(ind) {
		add(err)
	}
	add(checkFile(ind))
	for _, err := range checkValues(ind) {
		add(err)
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

func hasObservable(ind Indicator) bool {
	var m map[string]json.RawMessage
	b, _ := json.Marshal(ind) // omitempty drops the unset ones
	_ = json.Unmarshal(b, &m)
	for name := range m {
		if properties[name].observable {
			return true
		}
	}
	return false
}

func checkEnums(ind Indicator) []error {
	var errs []error
	check := func(property, v string, values []string) {
		if v != "" {
			errs = append(errs, checkEnum(property, v, values))
		}
	}
	check("action", ind.Action, Actions)
	check("threatType", ind.ThreatType, ThreatTypes)
	check("tlpLevel", ind.TLPLevel, TLPLevels)
	check("targetProduct", ind.TargetProduct, TargetProducts)
	check("fileHashType", ind.FileHashType, FileHashTypes)
	check("diamondModel", ind.DiamondModel, DiamondModels)
	for _, k := range ind.KillChain {
		check("killChain", k, KillChains)
	}
	return errs
}

// checkFile: the resource page asks for fileHashType whenever fileHashValue is set.
func checkFile(ind Indicator) error {
	if ind.FileHashValue != "" && ind.FileHashType == "" {
		return errors.New("fileHashValue needs fileHashType")
	}
	if ind.FileHashType != "" && ind.FileHashValue == "" {
		return errors.New("fileHashType without fileHashValue")
	}
	return nil
}

func checkValues(ind Indicator) []error {
	errs := []error{
		checkRange("confidence", ind.Confidence, 0, 100),
		checkRange("severity", ind.Severity, 0, 5),
	}
	for name, v := range map[string]string{
		"expirationDateTime": ind.ExpirationDateTime, "lastReportedDateTime": ind.LastReportedDateTime,
		"fileCompileDateTime": ind.FileCompileDateTime, "fileCreatedDateTime": ind.FileCreatedDateTime,
	} {
		if _, err := parseTime(v); v != "" && err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not an ISO 8601 time with a zone (2026-12-31T00:00:00Z)", name, v))
		}
	}
	for name, a := range map[string]struct {
		v    string
		want string
	}{
		"networkIPv4": {ind.NetworkIPv4, "4"}, "networkDestinationIPv4": {ind.NetworkDestinationIPv4, "4"}, "networkSourceIPv4": {ind.NetworkSourceIPv4, "4"},
		"networkIPv6": {ind.NetworkIPv6, "6"}, "networkDestinationIPv6": {ind.NetworkDestinationIPv6, "6"}, "networkSourceIPv6": {ind.NetworkSourceIPv6, "6"},
		"emailSourceIpAddress": {ind.EmailSourceIPAddress, ""},
	} {
		errs = append(errs, checkAddr(name, a.v, a.want))
	}
	for name, v := range map[string]string{
		"networkCidrBlock": ind.NetworkCidrBlock, "networkDestinationCidrBlock": ind.NetworkDestinationCidrBlock, "networkSourceCidrBlock": ind.NetworkSourceCidrBlock,
	} {
		if _, err := netip.ParsePrefix(v); v != "" && err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not a CIDR block", name, v))
		}
	}
	for name, v := range map[string]*int32{
		"networkPort": ind.NetworkPort, "networkDestinationPort": ind.NetworkDestinationPort, "networkSourcePort": ind.NetworkSourcePort,
	} {
		errs = append(errs, checkRange(name, v, 0, 65535))
	}
	sortErrs(errs)
	return errs
}

func checkRange(name string, v *int32, lo, hi int32) error {
	if v != nil && (*v < lo || *v > hi) {
		return fmt.Errorf("%s %d is outside %d–%d", name, *v, lo, hi)
	}
	return nil
}

func checkAddr(name, v, family string) error {
	if v == "" {
		return nil
	}
	a, err := netip.ParseAddr(v)
	switch {
	case err != nil || a.Zone() != "":
		return fmt.Errorf("%s %q is not an IP address", name, v)
	case family == "4" && !a.Is4():
		return fmt.Errorf("%s %q is not an IPv4 address", name, v)
	case family == "6" && !a.Is6():
		return fmt.Errorf("%s %q is not an IPv6 address", name, v)
	}
	return nil
}

// parseTime reads a DateTimeOffset: RFC 3339 with any number of fraction digits and any
// offset, as the documented examples write them (2019-03-01T21:44:03.1668987+00:00).
func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// ExpirationTime is the parsed expirationDateTime, for the STIX export.
func (ind Indicator) ExpirationTime() (time.Time, error) { return parseTime(ind.ExpirationDateTime) }

// Warnings are what Graph may accept but a user should hear about: a description over the
// documented 100 characters, an expiry that is not in the future, and TLP red without
// passiveOnly (the resource page says red indicators should set it).
func Warnings(ind Indicator, now time.Time) []string {
	var w []string
	if n := utf8.RuneCountInString(ind.Description); n > MaxDescription {
		w = append(w, fmt.Sprintf("description has %d characters; the documented limit is %d", n, MaxDescription))
	}
	if t, err := parseTime(ind.ExpirationDateTime); err == nil && !t.After(now) {
		w = append(w, fmt.Sprintf("expirationDateTime %s is not in the future", ind.ExpirationDateTime))
	}
	if ind.TLPLevel == "red" && (ind.PassiveOnly == nil || !*ind.PassiveOnly) {
		w = append(w, "tlpLevel red without passiveOnly: the documentation asks for passiveOnly true")
	}
	return w
}

// ValidateUpdate checks one item of updateTiIndicators (needID) or a PATCH body: the
// documented values of whatever is set, with nothing else required. The resource page calls
// expirationDateTime and targetProduct required for updates, but the updateTiIndicators
// example sends only id and additionalInformation; we follow the example and let Graph judge.
func ValidateUpdate(ind Indicator, needID bool) error {
	var p []string
	if needID && strings.TrimSpace(ind.ID) == "" {
		p = append(p, "missing required property id")
	}
	errs := append(checkEnums(ind), checkValues(ind)...)
	if ind.FileHashValue != "" && ind.FileHashType == "" {
		errs = append(errs, errors.New("fileHashValue needs fileHashType"))
	}
	for _, err := range errs {
		if err != nil {
			p = append(p, err.Error())
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// Unknown lists the properties of a tiIndicator object that the resource page does not
// document, in order of name, OData annotations (@odata.type…) aside: Decode ignores them,
// so a misspelt "actoin" would otherwise vanish without a word.
func Unknown(raw json.RawMessage) []string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var out []string
	for name := range m {
		if _, ok := properties[name]; !ok && !strings.HasPrefix(name, "@") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
