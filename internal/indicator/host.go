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

// ParseHost validates and normalises one HOST input.
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
	key, err := reduceURL(s)
	if err != nil {
		return Host{}, err
	}
	h.Key, h.Kind, err = normalise(key)
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

// reduceURL returns the host of a URL, or s unchanged when s is not a URL.
func reduceURL(s string) (string, error) {
	if !strings.Contains(s, "://") {
		return s, nil
	}
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
		return "", errors.New("URL has no host")
	}
	host := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		host = "[" + host + "]"
	}
	return host, nil
}

// normalise checks a bare host and returns its Graph key.
func normalise(s string) (string, Kind, error) {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return parseIP(s[1 : len(s)-1])
	}
	if strings.Contains(s, ":") {
		return parseIP(s)
	}
	if looksNumeric(s) {
		return parseIP(s)
	}
	name, err := checkHostname(s)
	return name, Hostname, err
}

func parseIP(s string) (string, Kind, error) {
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return "", "", fmt.Errorf("not a valid IP address")
	}
	if addr.Is4() || addr.Is4In6() {
		return addr.Unmap().String(), IPv4, nil
	}
	return addr.String(), IPv6, nil
}

// looksNumeric is true for dotted digit strings such as "1.2.3" that are broken IPv4
// addresses rather than host names.
func looksNumeric(s string) bool {
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	for _, r := range strings.TrimSuffix(s, ".") {
		if r != '.' && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func checkHostname(s string) (string, error) {
	name := strings.ToLower(strings.TrimSuffix(s, "."))
	if name == "" {
		return "", errors.New("empty host name")
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

func checkLabel(label string) error {
	switch {
	case label == "":
		return errors.New("empty label (\"..\" or a leading dot)")
	case len(label) > maxLabelLen:
		return fmt.Errorf("label %q is %d bytes long (at most %d)", label, len(label), maxLabelLen)
	case label[0] == '-' || label[len(label)-1] == '-':
		return fmt.Errorf("label %q starts or ends with a hyphen", label)
	}
	for _, r := range label {
		if !isLabelRune(r) {
			return labelRuneError(r)
		}
	}
	return nil
}

func isLabelRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

func labelRuneError(r rune) error {
	if r > unicode.MaxASCII {
		return fmt.Errorf("contains %q: write internationalised names in their xn-- form", r)
	}
	return fmt.Errorf("contains %q, which is not allowed in a host name", r)
}
