package cmd_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/stix"
)

// `indicators export` writes a bundle that passes the STIX 2.1 rules (stix.Validate), with
// one indicator per input and the TLP marking, and sends nothing to Graph.
func TestIndicatorsExportIsValidSTIX(t *testing.T) {
	const records = `{"action":"alert","description":"phishing page","expirationDateTime":"2099-01-01T00:00:00Z","targetProduct":"Azure Sentinel","threatType":"Phishing","tlpLevel":"green","url":"https://phish.example/login"}
{"action":"block","description":"dropper","expirationDateTime":"2099-01-01T00:00:00Z","targetProduct":"Microsoft Defender ATP","threatType":"Malware","tlpLevel":"red","passiveOnly":true,"fileHashType":"sha256","fileHashValue":"aa64428647b57bf51524d1756b2ed746e5a3f31b67cf7fe5b5d8a9daf07ca313"}
`
	hostFlags := []string{"--action", "block", "--threat-type", "C2", "--tlp", "amber", "--expires", "2099-01-01",
		"--target-product", "Azure Sentinel", "--description", "C2 server"}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  []string // patterns
	}{
		{"hosts", append([]string{"indicators", "export", "evil.example", "203.0.113.7", "2001:db8::7"}, hostFlags...), "",
			[]string{"[domain-name:value = 'evil.example']", "[ipv4-addr:value = '203.0.113.7']", "[ipv6-addr:value = '2001:db8::7']"}},
		{"records", []string{"indicators", "export", "-i", "-", "-o", "json"}, records,
			[]string{"[url:value = 'https://phish.example/login']", "[file:hashes.'SHA-256' = 'aa64428647b57bf51524d1756b2ed746e5a3f31b67cf7fe5b5d8a9daf07ca313']"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := emulator.New(emulator.Options{Seed: 1})
			srv := httptest.NewServer(emu)
			defer srv.Close()
			code, out, errOut := runInProcess(t, srv.URL, tc.stdin, false, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if err := stix.Validate([]byte(out)); err != nil {
				t.Errorf("the bundle breaks STIX 2.1: %v\n%s", err, out)
			}
			var b struct {
				Type    string `json:"type"`
				Objects []struct {
					Type    string `json:"type"`
					Pattern string `json:"pattern"`
				} `json:"objects"`
			}
			if err := json.Unmarshal([]byte(out), &b); err != nil || b.Type != "bundle" {
				t.Fatalf("not a bundle (%v): %s", err, out)
			}
			var patterns []string
			for _, o := range b.Objects {
				if o.Type == "indicator" {
					patterns = append(patterns, o.Pattern)
				}
			}
			if strings.Join(patterns, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("patterns %q, want %q", patterns, tc.want)
			}
			if !strings.Contains(out, `"type": "marking-definition"`) && !strings.Contains(out, `"marking-definition--`) {
				t.Errorf("no TLP marking in %s", out)
			}
			if n := len(emu.Requests()); n != 0 {
				t.Errorf("export sent %d requests to Graph", n)
			}
		})
	}
}
