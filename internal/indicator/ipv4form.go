package indicator

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// endsInNumber is true when the last label of name is a number, decimal or 0x hex. Such a
// name is no host name (top-level domains are never numeric), and URL parsers and
// resolvers read it as an IPv4 address: "0x7f.1" and "127.1" both reach 127.0.0.1.
func endsInNumber(name string) bool {
	last := name[strings.LastIndexByte(name, '.')+1:]
	if last == "" {
		return false
	}
	if rest, ok := cutHexPrefix(last); ok {
		return strings.Trim(rest, "0123456789abcdefABCDEF") == ""
	}
	return strings.Trim(last, "0123456789") == ""
}

func cutHexPrefix(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:], true
	}
	return s, false
}

// parseIPv4 accepts the canonical dotted-decimal form only. Any other form that some
// resolver would read as an address is refused with the address it stands for, so the
// analyst can decide to look that up.
func parseIPv4(name string) (string, Kind, error) {
	if addr, err := netip.ParseAddr(name); err == nil && addr.Is4() {
		return addr.String(), IPv4, nil
	}
	if addr, ok := inetAton(name); ok {
		return "", "", fmt.Errorf("not a valid IP address: some resolvers read it as %s; write an IPv4 address as four decimal numbers", addr)
	}
	if !allLabelsNumeric(name) {
		return "", "", errors.New("neither a host name nor an IP address: a host name cannot end in a numeric label")
	}
	return "", "", errors.New("not a valid IP address")
}

func allLabelsNumeric(name string) bool {
	for _, label := range strings.Split(name, ".") {
		if !endsInNumber(label) {
			return false
		}
	}
	return true
}

// inetAton reads s as the BSD inet_aton(3) does: one to four parts, each decimal, octal
// (leading 0) or hex (leading 0x); the last part fills the remaining bytes.
func inetAton(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var value uint64
	for i, p := range parts {
		n, ok := atonPart(p)
		if !ok {
			return netip.Addr{}, false
		}
		if i < len(parts)-1 {
			if n > 0xff {
				return netip.Addr{}, false
			}
			value |= n << (8 * (3 - i))
			continue
		}
		room := uint(8 * (4 - i))
		if n >= 1<<room {
			return netip.Addr{}, false
		}
		value |= n
	}
	return netip.AddrFrom4([4]byte{byte(value >> 24), byte(value >> 16), byte(value >> 8), byte(value)}), true
}

func atonPart(p string) (uint64, bool) {
	base := 10
	if rest, ok := cutHexPrefix(p); ok {
		p, base = rest, 16
	} else if len(p) > 1 && p[0] == '0' {
		p, base = p[1:], 8
	}
	if p == "" {
		// "0x" alone is zero to inet_aton; an empty part ("1..2") never is.
		return 0, base == 16
	}
	n, err := strconv.ParseUint(p, base, 32)
	return n, err == nil
}
