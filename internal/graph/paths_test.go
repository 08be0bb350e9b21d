package graph

import (
	"net/url"
	"strings"
	"testing"
)

func TestSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"contoso.com", "contoso.com"},
		{"8.8.8.8", "8.8.8.8"},
		{"2001:db8::1", "2001:db8::1"},
		{"..", "%2E%2E"},
		{".", "%2E"},
		{"...", "..."},
		{"../../me", "..%2F..%2Fme"},
		{"a/b", "a%2Fb"},
		{"x?$top=1", "x%3F$top=1"},
		{"x#frag", "x%23frag"},
		{"100%", "100%25"},
		{"%2e%2e", "%252e%252e"},
		{"a b", "a%20b"},
		{`a\b`, "a%5Cb"},
		{"ZmFrZS1tYWxpY2lvdXMuc2l0ZQ==", "ZmFrZS1tYWxpY2lvdXMuc2l0ZQ=="},
		{"bücher.de", "b%C3%BCcher.de"},
		{"例え.jp", "%E4%BE%8B%E3%81%88.jp"},
		{"a;b,c", "a%3Bb%2Cc"},
		{"o'brien", "o%27brien"},
		{"\x00\n", "%00%0A"},
	}
	for _, tt := range tests {
		if got := Segment(tt.in); got != tt.want {
			t.Errorf("Segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTIPath(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"hosts", "contoso.com", "reputation"}, "/security/threatIntelligence/hosts/contoso.com/reputation"},
		{[]string{"hosts", "..", "articles"}, "/security/threatIntelligence/hosts/%2E%2E/articles"},
		{[]string{"hosts", "a/../../b", "whois", "history"}, "/security/threatIntelligence/hosts/a%2F..%2F..%2Fb/whois/history"},
		{[]string{"hosts", "x?$select=id#y"}, "/security/threatIntelligence/hosts/x%3F$select=id%23y"},
		{[]string{"sslCertificates"}, "/security/threatIntelligence/sslCertificates"},
		{nil, "/security/threatIntelligence"},
	}
	for _, tt := range tests {
		if got := TIPath(tt.parts...); got != tt.want {
			t.Errorf("TIPath(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}

// FuzzSegment checks that whatever the input, the escaped form is one path
// segment, adds no query or fragment, and decodes back to the input.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"contoso.com", "..", ".", "a/b", "?", "#", "%", "%2F", "ü", "\xff", " ", ";", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if id == "" {
			return // an empty identifier is rejected before it reaches a path
		}
		seg := Segment(id)
		u, err := url.Parse("https://graph.example/a/" + seg + "/b")
		if err != nil {
			t.Fatalf("Segment(%q) = %q does not parse: %v", id, seg, err)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
			t.Fatalf("Segment(%q) = %q adds a query or fragment", id, seg)
		}
		parts := strings.Split(u.EscapedPath(), "/")
		if len(parts) != 4 || parts[1] != "a" || parts[2] != seg || parts[3] != "b" {
			t.Fatalf("Segment(%q) = %q: path %q is not /a/<one segment>/b", id, seg, u.EscapedPath())
		}
		if seg == "." || seg == ".." {
			t.Fatalf("Segment(%q) = %q climbs", id, seg)
		}
		back, err := url.PathUnescape(seg)
		if err != nil || back != id {
			t.Fatalf("Segment(%q) = %q unescapes to %q (%v)", id, seg, back, err)
		}
		// Resolving against a base must not change the number of segments.
		ref, _ := url.Parse("https://graph.example/v1.0/hosts/")
		if got := ref.ResolveReference(&url.URL{Path: ref.Path + id, RawPath: ref.Path + seg}); strings.Count(got.EscapedPath(), "/") != 3 {
			t.Fatalf("Segment(%q) = %q resolves to %q", id, seg, got.EscapedPath())
		}
	})
}
