package indicator

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

func TestParseHostAccepts(t *testing.T) {
	tests := []struct {
		in, query, key string
		kind           Kind
	}{
		{"contoso.com", "contoso.com", "contoso.com", Hostname},
		{"  Contoso.COM.  ", "Contoso.COM.", "contoso.com", Hostname},
		{"example[.]com", "example.com", "example.com", Hostname},
		{"example(.)com", "example.com", "example.com", Hostname},
		{"example[dot]com", "example.com", "example.com", Hostname},
		{"example{.}com", "example.com", "example.com", Hostname},
		{"hxxp://evil[.]com", "http://evil.com", "evil.com", Hostname},
		{"hxxps://evil[.]com/login?x=1#y", "https://evil.com/login?x=1#y", "evil.com", Hostname},
		{"HXXPS[:]//Evil.com", "https://Evil.com", "evil.com", Hostname},
		{"https://user:pw@www.contoso.com:8443/a/b", "https://user:pw@www.contoso.com:8443/a/b", "www.contoso.com", Hostname},
		{"_dmarc.contoso.com", "_dmarc.contoso.com", "_dmarc.contoso.com", Hostname},
		{"xn--bcher-kva.example", "xn--bcher-kva.example", "xn--bcher-kva.example", Hostname},
		{"localhost", "localhost", "localhost", Hostname},
		{"8.8.8.8", "8.8.8.8", "8.8.8.8", IPv4},
		{"1.2.3[.]4", "1.2.3.4", "1.2.3.4", IPv4},
		{"2001:DB8::1", "2001:DB8::1", "2001:db8::1", IPv6},
		{"2001[:]db8[:][:]1", "2001:db8::1", "2001:db8::1", IPv6},
		{"[2001:db8::1]", "[2001:db8::1]", "2001:db8::1", IPv6},
		{"http://[2001:db8::1]:80/", "http://[2001:db8::1]:80/", "2001:db8::1", IPv6},
		{"::ffff:1.2.3.4", "::ffff:1.2.3.4", "1.2.3.4", IPv4},
		{strings.Repeat("a", 63) + ".com", strings.Repeat("a", 63) + ".com", strings.Repeat("a", 63) + ".com", Hostname},

		// URLs without a scheme: the part before the first "/" is the host.
		{"evil[.]com/login.php", "evil.com/login.php", "evil.com", Hostname},
		{"www.contoso.com/", "www.contoso.com/", "www.contoso.com", Hostname},
		{"contoso.com/reputation", "contoso.com/reputation", "contoso.com", Hostname},
		{"evil.com:8443/login?next=a,b#top", "evil.com:8443/login?next=a,b#top", "evil.com", Hostname},
		{"evil[.]com[/]x", "evil.com/x", "evil.com", Hostname},
		{"evil.com/8", "evil.com/8", "evil.com", Hostname},
		{"evil.com/r?u=http://x.example", "evil.com/r?u=http://x.example", "evil.com", Hostname},
		{"hxxps://evil.com/r?u=hxxp://x.example", "https://evil.com/r?u=hxxp://x.example", "evil.com", Hostname},
		{"1.2.3.4/admin", "1.2.3.4/admin", "1.2.3.4", IPv4},
		{"[2001:db8::1]:443/x", "[2001:db8::1]:443/x", "2001:db8::1", IPv6},

		// Defanged schemes.
		{"hxxps[://]evil[.]com/x", "https://evil.com/x", "evil.com", Hostname},
		{"hXXp[:]//evil.com", "http://evil.com", "evil.com", Hostname},
		{"Hxxps://evil.com", "https://evil.com", "evil.com", Hostname},
		{"https[://]evil.com", "https://evil.com", "evil.com", Hostname},
		{"HTTP[:]//evil.com", "HTTP://evil.com", "evil.com", Hostname},
		{"hxxp[:]//1.2.3[.]4:8080/x", "http://1.2.3.4:8080/x", "1.2.3.4", IPv4},

		// A host with a port.
		{"contoso.com:8080", "contoso.com:8080", "contoso.com", Hostname},
		{"evil[.]com[:]8080", "evil.com:8080", "evil.com", Hostname},
		{"localhost:8080", "localhost:8080", "localhost", Hostname},
		{"1.2.3.4:443", "1.2.3.4:443", "1.2.3.4", IPv4},
		{"[2001:db8::1]:443", "[2001:db8::1]:443", "2001:db8::1", IPv6},
		{"2001:db8::1:443", "2001:db8::1:443", "2001:db8::1:443", IPv6},

		// Names that look numeric in part but end in a name, and a dotted IPv4 address.
		{"0x7f.example.com", "0x7f.example.com", "0x7f.example.com", Hostname},
		{"1e100.net", "1e100.net", "1e100.net", Hostname},
		{"123.com", "123.com", "123.com", Hostname},
		{"deadbeef", "deadbeef", "deadbeef", Hostname},
		{"1.2.3.4.", "1.2.3.4.", "1.2.3.4", IPv4},

		// Punycode that decodes, including a homograph of apple.com, which is a real name
		// and so a fair lookup.
		{"XN--BCHER-KVA.example", "XN--BCHER-KVA.example", "xn--bcher-kva.example", Hostname},
		{"xn--80ak6aa92e.com", "xn--80ak6aa92e.com", "xn--80ak6aa92e.com", Hostname},
		{"xn--mnchen-3ya.de", "xn--mnchen-3ya.de", "xn--mnchen-3ya.de", Hostname},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, err := ParseHost(tt.in)
			if err != nil {
				t.Fatalf("ParseHost(%q): %v", tt.in, err)
			}
			if h.Query != tt.query || h.Key != tt.key || h.Kind != tt.kind {
				t.Errorf("ParseHost(%q) = %+v, want query %q key %q kind %s", tt.in, h, tt.query, tt.key, tt.kind)
			}
		})
	}
}

func TestParseHostRejects(t *testing.T) {
	long := strings.Repeat("abcdefghi.", 26) + "com" // 263 bytes
	tests := []struct{ in, why string }{
		{"", "empty"},
		{"   ", "empty"},
		{"contoso .com", "white space"},
		{"contoso.com\x00", "control character"},
		{"con\x1b[31mtoso.com", "control character"},
		{"../../me", "empty label"},
		{"..", "empty label"},
		{"contoso..com", "empty label"},
		{".contoso.com", "empty label"},
		{"contoso.com?$select=id", "not allowed"},
		{"contoso.com#x", "not allowed"},
		{"contoso.com'", "not allowed"},
		{"hosts('x')", "not allowed"},
		{"contoso%2Fcom", "not allowed"},
		{strings.Repeat("a", 64) + ".com", "64 bytes"},
		{long, "at most 253"},
		{"-contoso.com", "hyphen"},
		{"contoso-.com", "hyphen"},
		{"bücher.example", "xn--"},
		{"1.2.3", "not a valid IP"},
		{"1.2.3.256", "not a valid IP"},
		{"fe80::1%eth0", "not a valid IP"},
		{"2001:db8::g", "not a valid IP"},
		{"javascript://x", "unsupported URL scheme"},
		{"http:///path", "no host"},
		{"http://evil.com\\@good.com", "not a valid URL"},
		{"\xff.com", "UTF-8"},

		// ".." anywhere, also in the path of a URL that would otherwise be accepted.
		{"a/../b", `contains ".."`},
		{"evil.com/../../me", `contains ".."`},
		{"http://evil.com/a/../b", `contains ".."`},
		{"evil[.][.]com", `contains ".."`},

		// A "/" in what is not a URL.
		{"a/b", "a URL without a scheme needs a host name with a dot, or an IP address, before its first \"/\""},
		{"localhost/x", "before its first"},
		{"/etc/passwd", "before its first"},
		{"a/b?c#d", "before its first"},
		{"contoso.com?x/y", "contains '?'"},
		{"user@evil.com/x", "contains '@'"},

		// Ports.
		{"contoso.com:", `no port after ":"`},
		{":8080", `no host before ":"`},
		{"contoso.com:http", `"http" after ":" is not a port number`},
		{"contoso.com:123456", "not a port number"},
		{"contoso.com:8080:1", "not a valid IP address"},
		{"[2001:db8::1]x", `"]" may only be followed by ":port"`},
		{"[2001:db8::1]:", "no port"},
		{"[contoso.com]:443", "not a valid IP address"},

		// Other kinds of indicator.
		{"d41d8cd98f00b204e9800998ecf8427e", "an MD5 hash, not a host: MDTI looks up host names and IP addresses only"},
		{"D41D8CD98F00B204E9800998ECF8427E", "an MD5 hash"},
		{"d41d8cd98f00b204e9800998ecf8427e:80", "an MD5 hash"},
		{"hxxp://d41d8cd98f00b204e9800998ecf8427e/x", "an MD5 hash"},
		{"da39a3ee5e6b4b0d3255bfef95601890afd80709", "a SHA-1 hash, not a host"},
		{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "a SHA-256 hash, not a host"},
		{strings.Repeat("cf83e1357eefb8bd", 8), "a SHA-512 hash"},
		{"phish@evil[.]com", "an e-mail address, not a host: MDTI looks up host names and IP addresses only (look up its domain, evil.com)"},
		{"mailto:X@Evil.com", "an e-mail address, not a host: MDTI looks up host names and IP addresses only (look up its domain, evil.com)"},
		{"10.0.0.0/8", "a CIDR range, not a host: MDTI looks up host names and IP addresses only"},
		{"10[.]0.0.0/8", "a CIDR range"},
		{"2001:db8::/32", "a CIDR range"},
		{"[2001:db8::]/32", "a CIDR range"},
		{"http:/evil.com", `no port after ":"`},
		{"javascript:alert(1)//x", `"alert(1)" after ":" is not a port number`},
		{"10.0.0.0/33", "a CIDR range"},
		{"1.2.3.4/32", "a CIDR range, not a host: MDTI looks up host names and IP addresses only (look up the address itself, 1.2.3.4)"},

		// IPv4 forms that resolvers accept but are not the canonical dotted decimal.
		{"0x7f.1", "not a valid IP address: some resolvers read it as 127.0.0.1; write an IPv4 address as four decimal numbers"},
		{"0177.0.0.1", "read it as 127.0.0.1"},
		{"127.1", "read it as 127.0.0.1"},
		{"2130706433", "read it as 127.0.0.1"},
		{"0x7F000001", "read it as 127.0.0.1"},
		{"1.2.3.04", "read it as 1.2.3.4"},
		{"1.2.3", "read it as 1.2.0.3"},
		{"http://0x7f.1/", "read it as 127.0.0.1"},
		{"0x7f.1:80", "read it as 127.0.0.1"},
		{"08.1.1.1", "not a valid IP address"},
		{"1.2.3.4.5", "not a valid IP address"},
		{"foo.123", "neither a host name nor an IP address: a host name cannot end in a numeric label"},
		{"example.0x7f", "cannot end in a numeric label"},
		{".1.2.3.4", "empty label"},

		// Punycode that no registry could have issued.
		{"xn--zz.com", `label "xn--zz" is not valid punycode: it ends in the middle of a character`},
		{"xn--ls8h.la", `label "xn--ls8h" is not valid punycode: it decodes to U+1F4A9, which no host name holds`},
		{"www.xn--a.com", "not valid punycode"},

		// Homographs and other non-ASCII names show the code point, not the character.
		{"p\u0430ypal.com", "mixes Latin letters with U+0430 (Cyrillic), as a homograph does: write internationalised names in their xn-- form"},
		{"\u0430\u0440\u0440\u04cf\u0435.com", "mixes Latin letters with U+0430 (Cyrillic)"},
		{"\u0430\u0440\u0440\u04cf\u0435", "contains U+0430 (Cyrillic): write internationalised names in their xn-- form"},
		{"example\u3002com", "contains U+3002:"},

		// ParseHost never splits a list: a comma is no part of a host.
		{"a.com,b.com", "contains ','"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, err := ParseHost(tt.in)
			if err == nil {
				t.Fatalf("ParseHost(%q) = %+v, want an error about %q", tt.in, h, tt.why)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.why) {
				t.Errorf("ParseHost(%q) error %q does not mention %q", tt.in, err, tt.why)
			}
			if !isOneASCIILine(msg) || msg != strings.ToLower(msg[:1])+msg[1:] {
				t.Errorf("ParseHost(%q) error %q: want one lower-case line of ASCII, which shows no look-alike character", tt.in, err)
			}
		})
	}
}

func TestParseHostInputKindError(t *testing.T) {
	tests := []struct{ in, kind, hint string }{
		{"d41d8cd98f00b204e9800998ecf8427e", "MD5 hash", ""},
		{"da39a3ee5e6b4b0d3255bfef95601890afd80709", "SHA-1 hash", ""},
		{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 hash", ""},
		{"x@evil.com", "e-mail address", "look up its domain, evil.com"},
		{"10.0.0.0/8", "CIDR range", ""},
		{"2001:db8::1/128", "CIDR range", "look up the address itself, 2001:db8::1"},
	}
	for _, tt := range tests {
		_, err := ParseHost(tt.in)
		var kindErr *InputKindError
		if !errors.As(err, &kindErr) || kindErr.Kind != tt.kind || kindErr.Hint != tt.hint {
			t.Errorf("ParseHost(%q) error %#v, want an *InputKindError for %q with hint %q", tt.in, err, tt.kind, tt.hint)
		}
	}
	for _, in := range []string{"contoso.com/x", "0x7f.1", "a/b", "x@y"} {
		var kindErr *InputKindError
		if _, err := ParseHost(in); errors.As(err, &kindErr) {
			t.Errorf("ParseHost(%q) = %v, which is no other kind of indicator", in, err)
		}
	}
}

func isOneASCIILine(s string) bool {
	for _, r := range s {
		if r == '\n' || r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

func FuzzParseHost(f *testing.F) {
	for _, s := range []string{
		"contoso.com", "hxxp://evil[.]com/x", "1.2.3[.]4", "[::1]", "../x", "a/b?c#d", "%2e%2e",
		"evil[.]com/login.php", "contoso.com:8080", "[2001:db8::1]:443/x", "hxxps[://]evil.com",
		"0x7f.1", "xn--zz.com", "10.0.0.0/8", "x@evil.com", "p\u0430ypal.com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, err := ParseHost(in)
		if err != nil {
			return
		}
		// A key that passed validation can only hold characters that are safe as one
		// path segment: nothing a user types may add a segment, a query or a fragment.
		if strings.ContainsAny(h.Key, "/?#%'\\ @,[]") || strings.Contains(h.Key, "..") || h.Key == "." || h.Key == "" {
			t.Fatalf("ParseHost(%q) accepted unsafe key %q", in, h.Key)
		}
		if h.Kind == Hostname && (strings.Trim(h.Key, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != "" || endsInNumber(h.Key)) {
			t.Fatalf("ParseHost(%q) accepted host name %q, which holds more than lower-case letters, digits, - and _ or ends in a number", in, h.Key)
		}
		if h.Kind != IPv6 && strings.Contains(h.Key, ":") {
			t.Fatalf("ParseHost(%q) kept a port in %s key %q", in, h.Kind, h.Key)
		}
		again, err := ParseHost(h.Key)
		if err != nil || again.Key != h.Key {
			t.Fatalf("key %q of %q does not parse to itself: %+v %v", h.Key, in, again, err)
		}
	})
}
