package indicator

import (
	"fmt"
	"net/netip"
	"strings"
)

// InputKindError says that an input is clearly another kind of indicator than a host,
// such as a file hash: MDTI's host lookups take host names and IP addresses only.
type InputKindError struct {
	// Kind names what the input is: "MD5 hash", "SHA-1 hash", "SHA-256 hash",
	// "SHA-512 hash", "e-mail address" or "CIDR range".
	Kind string
	// Hint, when set, says what to look up instead.
	Hint string
}

func (e *InputKindError) Error() string {
	msg := fmt.Sprintf("%s %s, not a host: MDTI looks up host names and IP addresses only", kindArticle(e.Kind), e.Kind)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// kindArticle is "an" before a vowel sound: an MD5, an e-mail, a SHA-1, a CIDR.
func kindArticle(kind string) string {
	if strings.HasPrefix(kind, "MD") || strings.HasPrefix(kind, "e-") {
		return "an"
	}
	return "a"
}

// hostDigestKinds maps the length of a hex digest to the hash it is.
var hostDigestKinds = map[int]string{32: "MD5 hash", 40: "SHA-1 hash", 64: "SHA-256 hash", 128: "SHA-512 hash"}

// refuseDigest returns an *InputKindError when a host (the input, or what is left of it
// without a port or URL) is a hex digest. A 32-hex string could be a host name label, but
// no analyst pastes one as a host.
func refuseDigest(host string) error {
	if kind, ok := hostDigestKinds[len(host)]; ok && strings.Trim(host, "0123456789abcdefABCDEF") == "" {
		return &InputKindError{Kind: kind}
	}
	return nil
}

// refuseOtherIndicator returns an *InputKindError for an e-mail address or a CIDR range,
// which would otherwise be refused with a message that does not say what went wrong.
func refuseOtherIndicator(s string) error {
	if hasScheme(s) {
		return nil
	}
	if domain, ok := emailDomainOf(s); ok {
		return &InputKindError{Kind: "e-mail address", Hint: "look up its domain, " + domain}
	}
	if prefix, ok := cidrOf(s); ok {
		err := &InputKindError{Kind: "CIDR range"}
		if prefix.IsSingleIP() {
			err.Hint = "look up the address itself, " + prefix.Addr().String()
		}
		return err
	}
	return nil
}

// emailDomainOf returns the domain of "local@domain.tld" or "mailto:local@domain.tld".
func emailDomainOf(s string) (string, bool) {
	if len(s) > len("mailto:") && strings.EqualFold(s[:len("mailto:")], "mailto:") {
		s = s[len("mailto:"):]
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(local, "/:") || strings.ContainsAny(domain, "@/:") {
		return "", false
	}
	name, err := checkHostname(domain)
	if err != nil || !strings.Contains(name, ".") {
		return "", false
	}
	return name, true
}

// cidrOf is true for "address/bits", such as 10.0.0.0/8 or [2001:db8::]/32, also when
// the bits are out of range: it is still a range, not a URL path.
func cidrOf(s string) (netip.Prefix, bool) {
	addr, bits, ok := strings.Cut(s, "/")
	if !ok || bits == "" || len(bits) > 3 || strings.Trim(bits, "0123456789") != "" {
		return netip.Prefix{}, false
	}
	if strings.HasPrefix(addr, "[") && strings.HasSuffix(addr, "]") {
		addr = addr[1 : len(addr)-1]
	}
	if _, err := netip.ParseAddr(addr); err != nil {
		return netip.Prefix{}, false
	}
	prefix, err := netip.ParsePrefix(addr + "/" + bits)
	if err != nil {
		return netip.Prefix{}, true
	}
	return prefix, true
}
