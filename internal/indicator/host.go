// Package indicator turns what analysts paste (defanged names, URLs, IP literals) into the
// host keys Graph expects, and rejects anything that could change which endpoint is called.
package indicator

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a host key is.
type Kind string

const (
	Hostname Kind = "hostname"
	IPv4     Kind = "ipv4"
	IPv6     Kind = "ipv6"
)

// Host is one validated HOST input.
type Host struct {
	// Query is the input as the user gave it, after refanging: it goes into "query".
	Query string
	// Key is the host Graph is asked about: lower-case hostname or canonical IP.
	Key  string
	Kind Kind
}

const (
	maxNameLen  = 253
	maxLabelLen = 63
)

// ParseHost validates and normalises one HOST input (docs/reference.md §1): a host name,
// an IP address, a host with a port, or a URL with or without a scheme, which is reduced
// to its host. Hashes, e-mail addresses and CIDR ranges are refused with an
// *InputKindError. It never splits on commas: a comma is not part of a host.
func ParseHost(raw string) (Host, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Host{}, errors.New("empty input")
	}
	if err := checkCharacters(s); err != nil {
		return Host{}, err
	}
	s = Refang(s)
	h := Host{Query: s}
	// ".." is refused wherever it is, even in a URL path that is dropped, so that no
	// input that climbs a path is ever accepted.
	if strings.Contains(s, "..") {
		return Host{}, errors.New(`contains ".." (an empty label, or a path that climbs up)`)
	}
	if err := refuseOtherIndicator(s); err != nil {
		return Host{}, err
	}
	host, err := reduceToHost(s)
	if err != nil {
		return Host{}, err
	}
	if err := refuseDigest(host); err != nil {
		return Host{}, err
	}
	h.Key, h.Kind, err = normalise(host)
	return h, err
}

// checkCharacters rejects what can never be part of a host or URL we accept: control
// characters, invalid UTF-8 and inner white space.
func checkCharacters(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			return fmt.Errorf("contains the control character %U", r)
		case unicode.IsSpace(r):
			return errors.New("contains white space")
		}
	}
	return nil
}

// reduceToHost returns the host part of a URL (with or without a scheme) or of host:port,
// and s itself otherwise. An IPv6 host keeps its brackets.
func reduceToHost(s string) (string, error) {
	if hasScheme(s) {
		return reduceURL(s)
	}
	authority, _, isURL := strings.Cut(s, "/")
	host, err := stripPort(authority)
	if err != nil || !isURL {
		return host, err
	}
	// Without a scheme, "a/b" could be a file path or an ID: only a host that cannot be
	// mistaken for one makes a URL.
	if !strings.Contains(host, ".") && !isIPLiteral(host) {
		return "", errors.New(`contains "/": a URL without a scheme needs a host name with a dot, or an IP address, before its first "/"`)
	}
	return host, nil
}

// hasScheme is true when the first "/" of s starts the "://" after a scheme, so that
// "evil.com/r?u=http://x" is a URL without a scheme that carries another in its query.
func hasScheme(s string) bool {
	slash := strings.IndexByte(s, '/')
	return slash > 0 && s[slash-1] == ':' && strings.HasPrefix(s[slash:], "//")
}

// reduceURL returns the host of a URL with a scheme.
func reduceURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.New("not a valid URL")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp", "ftps", "ws", "wss":
	default:
		return "", fmt.Errorf("unsupported URL scheme %q", u.Scheme)
	}
	if u.Host == "" {
		return "", errors.New("no host in the URL")
	}
	host := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		host = "[" + host + "]"
	}
	return host, nil
}

// stripPort removes a ":port" from "host:port" and "[v6]:port". An IPv6 address without
// brackets has more than one colon and is returned whole: its last group is no port.
func stripPort(s string) (string, error) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || end == len(s)-1 {
			return s, nil
		}
		if s[end+1] != ':' {
			return "", errors.New(`"]" may only be followed by ":port"`)
		}
		return s[:end+1], checkPort(s[end+2:])
	}
	if strings.Count(s, ":") != 1 {
		return s, nil
	}
	host, port, _ := strings.Cut(s, ":")
	if host == "" {
		return "", errors.New(`no host before ":"`)
	}
	return host, checkPort(port)
}

func checkPort(p string) error {
	if p == "" {
		return errors.New(`no port after ":"`)
	}
	if len(p) > 5 || strings.Trim(p, "0123456789") != "" {
		return fmt.Errorf("%+q after \":\" is not a port number", p)
	}
	return nil
}

func isIPLiteral(host string) bool {
	_, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return err == nil
}

// normalise checks a bare host and returns its Graph key.
func normalise(s string) (string, Kind, error) {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return parseIP(s[1 : len(s)-1])
	}
	if strings.Contains(s, ":") {
		return parseIP(s)
	}
	if name := strings.TrimSuffix(s, "."); endsInNumber(name) && !strings.HasPrefix(name, ".") {
		return parseIPv4(name)
	}
	name, err := checkHostname(s)
	return name, Hostname, err
}

func parseIP(s string) (string, Kind, error) {
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return "", "", errors.New("not a valid IP address")
	}
	if addr.Is4() || addr.Is4In6() {
		return addr.Unmap().String(), IPv4, nil
	}
	return addr.String(), IPv6, nil
}

func checkHostname(s string) (string, error) {
	name := strings.ToLower(strings.TrimSuffix(s, "."))
	if name == "" {
		return "", errors.New("empty host name")
	}
	for _, r := range name {
		if !isLabelRune(r) && r != '.' {
			return "", labelRuneError(r, name)
		}
	}
	if len(name) > maxNameLen {
		return "", fmt.Errorf("host name is %d bytes long (at most %d)", len(name), maxNameLen)
	}
	for _, label := range strings.Split(name, ".") {
		if err := checkLabel(label); err != nil {
			return "", err
		}
	}
	return name, nil
}

// checkLabel checks one label of a name that holds only label characters and dots.
func checkLabel(label string) error {
	switch {
	case label == "":
		return errors.New(`empty label (".." or a leading dot)`)
	case len(label) > maxLabelLen:
		return fmt.Errorf("label %q is %d bytes long (at most %d)", label, len(label), maxLabelLen)
	case label[0] == '-' || label[len(label)-1] == '-':
		return fmt.Errorf("label %q starts or ends with a hyphen", label)
	case strings.HasPrefix(label, "xn--"):
		return checkPunycodeLabel(label)
	}
	return nil
}

func isLabelRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// labelRuneError names a character a host name cannot hold. A non-ASCII character is
// shown by its code point, never as itself: a Cyrillic "а" printed raw looks like the
// Latin "a" it imitates.
func labelRuneError(r rune, name string) error {
	if r <= unicode.MaxASCII {
		return fmt.Errorf("contains %q, which is not allowed in a host name", r)
	}
	what := describeRune(r)
	if script := scriptOf(r); script != "" && script != "Latin" && strings.ContainsFunc(name, isLatinASCIILetter) {
		return fmt.Errorf("mixes Latin letters with %s, as a homograph does: write internationalised names in their xn-- form", what)
	}
	return fmt.Errorf("contains %s: write internationalised names in their xn-- form", what)
}

func isLatinASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// describeRune writes r as "U+0430 (Cyrillic)", or "U+2024" when it belongs to no one script.
func describeRune(r rune) string {
	if script := scriptOf(r); script != "" {
		return fmt.Sprintf("%U (%s)", r, script)
	}
	return fmt.Sprintf("%U", r)
}

// scriptOf returns the Unicode script of r, or "" for characters shared by several.
func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(table, r) {
			return name
		}
	}
	return ""
}
