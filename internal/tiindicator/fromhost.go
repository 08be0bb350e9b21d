package tiindicator

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/lazy"
)

// Defaults are the flag values `indicators submit HOST…` applies to every host: already
// parsed (ParseAction, ParseThreatType, ParseTLP, ParseTargetProduct, ParseExpiry).
type Defaults struct {
	Action        string
	ThreatType    string
	TLPLevel      string
	Expiration    time.Time
	TargetProduct string
	Description   string
}

// DefenderATP is the targetProduct of Defender for Endpoint, which, the resource page says,
// matches destination addresses only.
const DefenderATP = "Microsoft Defender ATP"

// FromHost builds the indicator for one HOST argument (refanged and validated by
// indicator.ParseHost, URLs reduced to their host): a host name becomes domainName, an
// address networkIPv4 or networkIPv6. For Defender for Endpoint an address goes into
// networkDestinationIPv4/IPv6 instead, the only address properties that product reads.
// The result is not validated: Validate says what is missing.
func FromHost(host string, d Defaults) (Indicator, error) {
	h, err := indicator.ParseHost(host)
	if err != nil {
		return Indicator{}, fmt.Errorf("host %q: %w", host, err)
	}
	ind := Indicator{
		Action:        d.Action,
		ThreatType:    d.ThreatType,
		TLPLevel:      d.TLPLevel,
		TargetProduct: d.TargetProduct,
		Description:   d.Description,
	}
	if !d.Expiration.IsZero() {
		ind.ExpirationDateTime = FormatTime(d.Expiration)
	}
	destination := d.TargetProduct == DefenderATP
	switch {
	case h.Kind == indicator.IPv4 && destination:
		ind.NetworkDestinationIPv4 = h.Key
	case h.Kind == indicator.IPv4:
		ind.NetworkIPv4 = h.Key
	case h.Kind == indicator.IPv6 && destination:
		ind.NetworkDestinationIPv6 = h.Key
	case h.Kind == indicator.IPv6:
		ind.NetworkIPv6 = h.Key
	default:
		ind.DomainName = h.Key
	}
	return ind, nil
}

// FormatTime writes t as the documented examples write DateTimeOffset values in UTC:
// 2014-01-01T00:00:00Z.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

var aheadDuration = lazy.Regexp(`^(\d{1,6})([smhdw])$`)

// ParseExpiry reads an --expires value: a duration from now (30d, 12h, 2w, 90m or a Go
// duration such as 1h30m), a date (2026-12-31, midnight UTC) or an RFC 3339 time. The
// result must lie after now: Graph keeps no indicator without a future expiry.
func ParseExpiry(s string, now time.Time) (time.Time, error) {
	t, err := parseExpiry(strings.TrimSpace(s), now)
	if err != nil {
		return time.Time{}, err
	}
	if !t.After(now) {
		return time.Time{}, fmt.Errorf("expiry %q is not in the future", s)
	}
	return t.UTC(), nil
}

func parseExpiry(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if m := aheadDuration().FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
		return now.Add(time.Duration(n) * unit), nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(d), nil
	}
	return time.Time{}, fmt.Errorf("invalid expiry %q: want a duration (30d, 12h, 2w), a date (2026-12-31) or an RFC 3339 time", s)
}
