package indicator

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"
)

// SkipReason says why a host is never sent to MDTI; "" means it may be looked up. The
// values are the words the JSON output carries in "skipped" (docs/reference.md §9).
//
// The reference groups every non-public address under "private"; we keep the finer words
// because they tell an analyst what the address is (a CGNAT address is a carrier's customer,
// not a host in the tenant) and anyone wanting the coarse word can map them all to it.
type SkipReason string

const (
	SkipPrivate   SkipReason = "private"    // RFC 1918, fc00::/7, fec0::/10, names only a private network resolves
	SkipLoopback  SkipReason = "loopback"   // 127/8, ::1, localhost
	SkipLinkLocal SkipReason = "link-local" // 169.254/16, fe80::/10
	SkipCGNAT     SkipReason = "cgnat"      // 100.64/10 (RFC 6598)
	SkipMulticast SkipReason = "multicast"  // 224/4, ff00::/8
	SkipReserved  SkipReason = "reserved"   // unspecified, broadcast, benchmarking, future use, .invalid
	SkipOwnDomain SkipReason = "own-domain" // the tenant's own domains, and names under them
)

type addrRange struct {
	prefix netip.Prefix
	reason SkipReason
}

// addrRanges are the IANA special-purpose ranges (RFC 6890 and its updates) whose addresses
// mean nothing outside the network that uses them, or nothing at all. Not here:
//   - ranges that embed or relay global addresses (6to4 2002::/16, Teredo 2001::/32, NAT64
//     64:ff9b::/96): the address behind them is public;
//   - the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24 of RFC 5737,
//     2001:db8::/32, 3fff::/20): they never occur in real traffic, so looking one up tells
//     nobody anything about the tenant, while test and demo data use them in place of real
//     addresses (the emulator's malicious and suspicious IPs are among them).
//
// Built on first use, not at start-up.
var addrRanges = sync.OnceValue(func() []addrRange {
	table := []struct {
		cidr   string
		reason SkipReason
	}{
		{"0.0.0.0/8", SkipReserved},       // "this network", 0.0.0.0 unspecified (RFC 791, 1122)
		{"10.0.0.0/8", SkipPrivate},       // RFC 1918
		{"100.64.0.0/10", SkipCGNAT},      // shared address space (RFC 6598)
		{"127.0.0.0/8", SkipLoopback},     // RFC 1122
		{"169.254.0.0/16", SkipLinkLocal}, // RFC 3927
		{"172.16.0.0/12", SkipPrivate},    // RFC 1918
		{"192.0.0.0/24", SkipReserved},    // IETF protocol assignments (RFC 6890)
		{"192.168.0.0/16", SkipPrivate},   // RFC 1918
		{"198.18.0.0/15", SkipReserved},   // benchmarking (RFC 2544)
		{"224.0.0.0/4", SkipMulticast},    // RFC 5771
		{"240.0.0.0/4", SkipReserved},     // future use (RFC 1112), 255.255.255.255 broadcast (RFC 919)
		{"::/128", SkipReserved},          // unspecified (RFC 4291)
		{"::1/128", SkipLoopback},         // RFC 4291
		{"100::/64", SkipReserved},        // discard-only (RFC 6666)
		{"fc00::/7", SkipPrivate},         // unique local (RFC 4193)
		{"fe80::/10", SkipLinkLocal},      // RFC 4291
		{"fec0::/10", SkipPrivate},        // site-local, deprecated but still private (RFC 3879)
		{"ff00::/8", SkipMulticast},       // RFC 4291
	}
	ranges := make([]addrRange, len(table))
	for i, r := range table {
		ranges[i] = addrRange{netip.MustParsePrefix(r.cidr), r.reason}
	}
	return ranges
})

// AddrSkipReason classifies an address; an IPv4-mapped IPv6 address is judged as the IPv4
// address it carries.
func AddrSkipReason(addr netip.Addr) SkipReason {
	addr = addr.Unmap().WithZone("")
	for _, r := range addrRanges() {
		if r.prefix.Contains(addr) {
			return r.reason
		}
	}
	return ""
}

// specialSuffixes are name suffixes that no public DNS answers for (RFC 6761, 6762, 8375,
// and ICANN's 2024 reservation of .internal), plus suffixes private networks commonly use
// (.lan, .corp, .home, .localdomain: ICANN withheld .corp and .home for name collisions).
// .test and .example (RFC 2606) are left to be sent, like the documentation addresses:
// they name nothing of the tenant's, and test and demo data use them.
var specialSuffixes = []struct {
	suffix string
	reason SkipReason
}{
	{"localhost", SkipLoopback},
	{"local", SkipPrivate},
	{"internal", SkipPrivate},
	{"home.arpa", SkipPrivate},
	{"lan", SkipPrivate},
	{"corp", SkipPrivate},
	{"home", SkipPrivate},
	{"localdomain", SkipPrivate},
	{"invalid", SkipReserved},
}

// NameSkipReason classifies a normalised host name (a Host.Key). A single-label name
// ("fileserver", "wpad") only resolves inside a network, so it is private: sending it would
// tell MDTI an internal name and could not get an answer.
func NameSkipReason(name string) SkipReason {
	if !strings.Contains(name, ".") {
		if name == "localhost" {
			return SkipLoopback
		}
		return SkipPrivate
	}
	for _, s := range specialSuffixes {
		if underDomain(name, s.suffix) {
			return s.reason
		}
	}
	return ""
}

// underDomain is true when name equals domain or is a name under it.
func underDomain(name, domain string) bool {
	return name == domain || strings.HasSuffix(name, "."+domain)
}

// SendPolicy decides which hosts may leave the tenant for a lookup.
type SendPolicy struct {
	ownDomains []string
}

// NewSendPolicy validates the tenant's own domains (config own_domains, --skip-domain).
// A leading "*." or "." is accepted and dropped: the domain covers its subdomains anyway.
func NewSendPolicy(ownDomains []string) (SendPolicy, error) {
	p := SendPolicy{ownDomains: make([]string, 0, len(ownDomains))}
	for _, d := range ownDomains {
		trimmed := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(d), "*"), ".")
		h, err := ParseHost(trimmed)
		if err != nil {
			return SendPolicy{}, fmt.Errorf("own domain %q: %w", d, err)
		}
		if h.Kind != Hostname || h.Key != strings.TrimSuffix(strings.ToLower(Refang(trimmed)), ".") {
			return SendPolicy{}, fmt.Errorf("own domain %q: want a domain name", d)
		}
		p.ownDomains = append(p.ownDomains, h.Key)
	}
	return p, nil
}

// Skip says why the host key (a Host.Key: a lower-case name or a canonical IP address)
// must not be sent, or "" when it may be.
func (p SendPolicy) Skip(key string) SkipReason {
	if addr, err := netip.ParseAddr(key); err == nil {
		return AddrSkipReason(addr)
	}
	name := strings.ToLower(strings.TrimSuffix(key, "."))
	for _, d := range p.ownDomains {
		if underDomain(name, d) {
			return SkipOwnDomain
		}
	}
	return NameSkipReason(name)
}
