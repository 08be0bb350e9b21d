package indicator

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Samples from RFC 3492 §7.1 and well-known names.
var punycodeSamples = []struct{ decoded, encoded string }{
	{"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F", "egbpdaj6bu4bxfgehfvwxn"},
	{"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye"},
	{"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b"},
	{"-> $1.00 <-", "-> $1.00 <--"},
	{"bücher", "bcher-kva"},
	{"münchen", "mnchen-3ya"},
	{"\u0430\u0440\u0440\u04cf\u0435", "80ak6aa92e"},
}

func TestPunycodeSamples(t *testing.T) {
	for _, tt := range punycodeSamples {
		if got := encodePunycode([]rune(tt.decoded)); got != tt.encoded {
			t.Errorf("encode %+q = %q, want %q", tt.decoded, got, tt.encoded)
		}
		got, err := decodePunycode(tt.encoded)
		if err != nil || string(got) != tt.decoded {
			t.Errorf("decode %q = %+q, %v; want %+q", tt.encoded, string(got), err, tt.decoded)
		}
	}
}

func TestDecodePunycodeRejects(t *testing.T) {
	tests := []struct{ in, why string }{
		{"zz", "ends in the middle of a character"},
		{"b!", `'!' is not a punycode digit`},
		{"99999999999", "overflows"},
		{"abc-99999999", "overflows"},
	}
	for _, tt := range tests {
		got, err := decodePunycode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.why) {
			t.Errorf("decodePunycode(%q) = %+q, %v; want an error about %q", tt.in, string(got), err, tt.why)
		}
	}
}

func TestCheckPunycodeLabel(t *testing.T) {
	upper := "xn--" + strings.ToLower(encodePunycode([]rune("Übcher")))
	tests := []struct{ label, why string }{
		{"xn--bcher-kva", ""},
		{"xn--abc-", "decodes to plain ASCII"},
		{"xn--", "decodes to plain ASCII"},
		{upper, "decodes to U+00DC (Latin), which no host name holds"},
		{"xn--zz", "ends in the middle of a character"},
		// Decoders read digits in either case; encoders write lower case. ParseHost
		// lowers names first, but the check stands on its own.
		{"xn--bcher-KVA", "not the usual encoding"},
	}
	for _, tt := range tests {
		err := checkPunycodeLabel(tt.label)
		switch {
		case tt.why == "" && err != nil:
			t.Errorf("checkPunycodeLabel(%q): %v", tt.label, err)
		case tt.why != "" && (err == nil || !strings.Contains(err.Error(), tt.why)):
			t.Errorf("checkPunycodeLabel(%q) = %v, want an error about %q", tt.label, err, tt.why)
		}
	}
}

func FuzzPunycode(f *testing.F) {
	for _, tt := range punycodeSamples {
		f.Add(tt.decoded)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 4*maxLabelLen {
			return
		}
		encoded := encodePunycode([]rune(s))
		decoded, err := decodePunycode(encoded)
		if err != nil || string(decoded) != s {
			t.Fatalf("%+q encodes to %q, which decodes to %+q, %v", s, encoded, string(decoded), err)
		}
		// Decoding anything must end without a panic or a runaway.
		_, _ = decodePunycode(s)
	})
}
