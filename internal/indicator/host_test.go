package indicator

import (
	"strings"
	"testing"
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
		{"contoso.com/reputation", "not allowed"},
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
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, err := ParseHost(tt.in)
			if err == nil {
				t.Fatalf("ParseHost(%q) = %+v, want an error about %q", tt.in, h, tt.why)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("ParseHost(%q) error %q does not mention %q", tt.in, err, tt.why)
			}
		})
	}
}

func FuzzParseHost(f *testing.F) {
	for _, s := range []string{"contoso.com", "hxxp://evil[.]com/x", "1.2.3[.]4", "[::1]", "../x", "a/b?c#d", "%2e%2e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, err := ParseHost(in)
		if err != nil {
			return
		}
		// A key that passed validation can only hold characters that are safe as one
		// path segment: nothing a user types may add a segment, a query or a fragment.
		if strings.ContainsAny(h.Key, "/?#%'\\ ") || h.Key == "." || h.Key == ".." || h.Key == "" {
			t.Fatalf("ParseHost(%q) accepted unsafe key %q", in, h.Key)
		}
		again, err := ParseHost(h.Key)
		if err != nil || again.Key != h.Key {
			t.Fatalf("key %q of %q does not parse to itself: %+v %v", h.Key, in, again, err)
		}
	})
}
