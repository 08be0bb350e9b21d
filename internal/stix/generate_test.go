package stix

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/tiindicator"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var now = time.Date(2026, 11, 30, 7, 0, 0, 123456789, time.UTC)

// counter is a deterministic randomness source: bytes 0, 1, 2, …
type counter struct{ n byte }

func (c *counter) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = c.n
		c.n++
	}
	return len(p), nil
}

func opts() Options {
	return Options{Now: func() time.Time { return now }, Rand: &counter{}}
}

func i32(n int32) *int32 { return &n }

// inputs covers every observable NewIndicator turns into a comparison.
func inputs() []tiindicator.Indicator {
	base := tiindicator.Indicator{
		Action: "block", Description: "seen in phishing", ExpirationDateTime: "2026-12-30T07:00:00Z",
		TargetProduct: "Azure Sentinel", ThreatType: "Phishing", TLPLevel: "amber",
	}
	with := func(f func(*tiindicator.Indicator)) tiindicator.Indicator {
		i := base
		f(&i)
		return i
	}
	return []tiindicator.Indicator{
		with(func(i *tiindicator.Indicator) { i.DomainName = "evil.com" }),
		with(func(i *tiindicator.Indicator) {
			i.NetworkIPv4, i.TLPLevel, i.ThreatType = "1.2.3.4", "green", "Botnet"
			i.KillChain = []string{"C2", "Actions", "Nonsense"}
			i.Tags = []string{"campaign-x", "Botnet", ""}
			i.Confidence = i32(80)
		}),
		with(func(i *tiindicator.Indicator) {
			i.NetworkDestinationIPv6, i.TLPLevel, i.ThreatType = "2001:db8::1", "red", "Proxy"
			i.ExternalID, i.ID = "ext-1", "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4"
		}),
		with(func(i *tiindicator.Indicator) {
			i.URL, i.TLPLevel = `http://evil.com/it's\here?a=<1>&b=2`, "white"
		}),
		with(func(i *tiindicator.Indicator) {
			i.FileHashType, i.FileHashValue, i.ThreatType = "sha256", "b555c45c5b1b01304217e72118d6ca1b14b7013644a078273cea27bbdc1cf9d6", "Malware"
			i.Action, i.TLPLevel = "allow", "unknown"
		}),
		with(func(i *tiindicator.Indicator) {
			i.EmailSenderAddress, i.DomainName, i.NetworkSourceCidrBlock = "a@evil.com", "evil.com", "10.0.0.0/8"
			i.NetworkIPv4, i.NetworkDestinationIPv4 = "1.2.3.4", "1.2.3.4"
			i.ExpirationDateTime, i.ThreatType = "", "WatchList"
		}),
	}
}

func TestNewBundleGolden(t *testing.T) {
	b, err := NewBundle(inputs(), opts())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, b); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	golden := filepath.Join("testdata", "bundle.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bundle differs from %s (run with -update to accept):\n%s", golden, got)
	}
	if err := Validate(got); err != nil {
		t.Errorf("generated bundle does not validate:\n%v", err)
	}
}

func TestNewIndicatorPatterns(t *testing.T) {
	tests := []struct {
		name string
		f    func(i *tiindicator.Indicator)
		want string
	}{
		{"domain", func(i *tiindicator.Indicator) { i.DomainName = "evil.com" }, `[domain-name:value = 'evil.com']`},
		{"ipv4", func(i *tiindicator.Indicator) { i.NetworkIPv4 = "1.2.3.4" }, `[ipv4-addr:value = '1.2.3.4']`},
		{"ipv6", func(i *tiindicator.Indicator) { i.NetworkIPv6 = "2001:db8::1" }, `[ipv6-addr:value = '2001:db8::1']`},
		{"cidr v6", func(i *tiindicator.Indicator) { i.NetworkCidrBlock = "2001:db8::/32" }, `[ipv6-addr:value = '2001:db8::/32']`},
		{"url escaped", func(i *tiindicator.Indicator) { i.URL = `http://e.com/a'b\c` }, `[url:value = 'http://e.com/a\'b\\c']`},
		{"md5", func(i *tiindicator.Indicator) {
			i.FileHashType, i.FileHashValue = "md5", "d41d8cd98f00b204e9800998ecf8427e"
		}, `[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']`},
		{"sha1", func(i *tiindicator.Indicator) {
			i.FileHashType, i.FileHashValue = "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"
		}, `[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']`},
		{"ssdeep", func(i *tiindicator.Indicator) { i.FileHashType, i.FileHashValue = "ctph", "3:a+b:c" }, `[file:hashes.'SSDEEP' = '3:a+b:c']`},
		{"email", func(i *tiindicator.Indicator) { i.EmailSenderAddress = "x@evil.com" }, `[email-addr:value = 'x@evil.com']`},
		{"several, deduplicated, ORed", func(i *tiindicator.Indicator) {
			i.DomainName, i.URL, i.NetworkIPv4, i.NetworkSourceIPv4 = "e.com", "http://e.com/", "1.2.3.4", "1.2.3.4"
		}, `[domain-name:value = 'e.com' OR url:value = 'http://e.com/' OR ipv4-addr:value = '1.2.3.4']`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := tiindicator.Indicator{ThreatType: "Malware"}
			tt.f(&ind)
			si, err := NewIndicator(ind, now, &counter{})
			if err != nil {
				t.Fatal(err)
			}
			if si.Pattern != tt.want {
				t.Errorf("pattern = %s, want %s", si.Pattern, tt.want)
			}
			if _, err := ParsePattern(si.Pattern); err != nil {
				t.Errorf("pattern does not parse: %v", err)
			}
		})
	}
}

func TestNewIndicatorErrors(t *testing.T) {
	tests := []struct {
		name string
		ind  tiindicator.Indicator
		want string
	}{
		{"no observable", tiindicator.Indicator{FileName: "x.exe"}, "no observable STIX can express"},
		{"hash type without STIX name", tiindicator.Indicator{FileHashType: "lsHash", FileHashValue: "ab"}, `fileHashType "lsHash" has no STIX hash algorithm`},
		{"bad address", tiindicator.Indicator{NetworkIPv4: "evil.com"}, `"evil.com" is not an IP address or CIDR block`},
		{"expired", tiindicator.Indicator{DomainName: "e.com", ExpirationDateTime: "2026-11-30T07:00:00Z"},
			"expirationDateTime 2026-11-30T07:00:00Z is not after valid_from 2026-11-30T07:00:00.123Z"},
		{"bad expiry", tiindicator.Indicator{DomainName: "e.com", ExpirationDateTime: "tomorrow"}, `expirationDateTime "tomorrow"`},
	}
	for _, tt := range tests {
		_, err := NewIndicator(tt.ind, now, &counter{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := NewBundle([]tiindicator.Indicator{{DomainName: "a.com"}, {}}, opts())
	if err == nil || !strings.HasPrefix(err.Error(), "indicator 2: ") {
		t.Errorf("NewBundle err = %v, want it to name indicator 2", err)
	}
}

func TestNewIndicatorTypes(t *testing.T) {
	for tt, want := range IndicatorTypes {
		si, err := NewIndicator(tiindicator.Indicator{DomainName: "e.com", ThreatType: tt}, now, &counter{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(si.IndicatorTypes, ",") != strings.Join(want, ",") {
			t.Errorf("%s: indicator_types %v, want %v", tt, si.IndicatorTypes, want)
		}
		for _, it := range want {
			if !strings.Contains(strings.Join(indicatorTypeVocabulary, " "), it) {
				t.Errorf("%s maps to %q, outside indicator-type-ov", tt, it)
			}
		}
	}
	if len(IndicatorTypes) != len(tiindicator.ThreatTypes) {
		t.Errorf("IndicatorTypes maps %d threat types, the docs list %d", len(IndicatorTypes), len(tiindicator.ThreatTypes))
	}
	si, _ := NewIndicator(tiindicator.Indicator{DomainName: "e.com", ThreatType: "Malware", Action: "allow"}, now, &counter{})
	if strings.Join(si.IndicatorTypes, ",") != "benign" {
		t.Errorf("allow: indicator_types %v, want benign", si.IndicatorTypes)
	}
}

func TestNewID(t *testing.T) {
	ones := bytes.NewReader(bytes.Repeat([]byte{0xff}, 16))
	id, err := NewID("indicator", ones)
	if err != nil || id != "indicator--ffffffff-ffff-4fff-bfff-ffffffffffff" {
		t.Errorf("NewID(0xff…) = %s, %v", id, err)
	}
	zeros := bytes.NewReader(make([]byte, 16))
	id, _ = NewID("bundle", zeros)
	if id != "bundle--00000000-0000-4000-8000-000000000000" {
		t.Errorf("NewID(0x00…) = %s", id)
	}
	if _, err := NewID("bundle", bytes.NewReader(make([]byte, 15))); err == nil {
		t.Error("NewID with 15 bytes of randomness: want error")
	}
	// The real source gives distinct, valid identifiers.
	a, _ := NewID("indicator", Options{}.rand())
	b, _ := NewID("indicator", Options{}.rand())
	if a == b || !uuid4Re().MatchString(strings.TrimPrefix(a, "indicator--")) {
		t.Errorf("crypto/rand identifiers %s, %s", a, b)
	}
}

func TestTLPMarkings(t *testing.T) {
	want := map[string]string{
		"white": `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","created":"2017-01-20T00:00:00.000Z","name":"TLP:WHITE","definition_type":"tlp","definition":{"tlp":"white"}}`,
		"green": `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","name":"TLP:GREEN","definition_type":"tlp","definition":{"tlp":"green"}}`,
		"amber": `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","created":"2017-01-20T00:00:00.000Z","name":"TLP:AMBER","definition_type":"tlp","definition":{"tlp":"amber"}}`,
		"red":   `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","name":"TLP:RED","definition_type":"tlp","definition":{"tlp":"red"}}`,
	}
	for level, w := range want {
		m, ok := TLPMarking(level)
		got, _ := json.Marshal(m)
		if !ok || string(got) != w {
			t.Errorf("TLPMarking(%s) = %s", level, got)
		}
	}
	if _, ok := TLPMarking("unknown"); ok {
		t.Error("TLPMarking(unknown): want none")
	}
}

func TestQuoteString(t *testing.T) {
	tests := map[string]string{
		``:         `''`,
		`a`:        `'a'`,
		`it's`:     `'it\'s'`,
		`C:\x`:     `'C:\\x'`,
		`\'`:       `'\\\''`,
		"é\n]OR[ ": "'é\n]OR[ '",
	}
	for in, want := range tests {
		got := QuoteString(in)
		if got != want {
			t.Errorf("QuoteString(%q) = %s, want %s", in, got, want)
		}
		// Round trip through the lexer.
		toks, err := lex(got)
		if err != nil || len(toks) != 1 || toks[0].text != in {
			t.Errorf("lex(%s) = %+v, %v", got, toks, err)
		}
	}
}
