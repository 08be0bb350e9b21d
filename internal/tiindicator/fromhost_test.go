package tiindicator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)

func TestFromHost(t *testing.T) {
	base := Defaults{
		Action: "block", ThreatType: "Malware", TLPLevel: "amber",
		Expiration: now.Add(30 * 24 * time.Hour), TargetProduct: "Azure Sentinel", Description: "seen in phishing",
	}
	mde := base
	mde.TargetProduct = DefenderATP
	common := `"action":"block","description":"seen in phishing","expirationDateTime":"2026-12-30T07:00:00Z",` +
		`"targetProduct":"Azure Sentinel","threatType":"Malware","tlpLevel":"amber"`
	mdeCommon := strings.Replace(common, "Azure Sentinel", "Microsoft Defender ATP", 1)
	tests := []struct {
		host string
		d    Defaults
		want string
	}{
		{"Evil.COM", base, `{` + common + `,"domainName":"evil.com"}`},
		{"hxxps://evil[.]com/login", base, `{` + common + `,"domainName":"evil.com"}`},
		{"1.2.3[.]4", base, `{` + common + `,"networkIPv4":"1.2.3.4"}`},
		{"2001:DB8::1", base, `{` + common + `,"networkIPv6":"2001:db8::1"}`},
		{"1.2.3.4", mde, `{` + mdeCommon + `,"networkDestinationIPv4":"1.2.3.4"}`},
		{"[2001:db8::1]", mde, `{` + mdeCommon + `,"networkDestinationIPv6":"2001:db8::1"}`},
		{"evil.com", mde, `{` + mdeCommon + `,"domainName":"evil.com"}`},
		{"evil.com", Defaults{}, `{"domainName":"evil.com"}`},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			ind, err := FromHost(tt.host, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(ind)
			if string(got) != tt.want {
				t.Errorf("FromHost(%q)\n got %s\nwant %s", tt.host, got, tt.want)
			}
		})
	}
}

func TestFromHostRejects(t *testing.T) {
	for _, h := range []string{"", "evil .com", "evil..com", "evil.com/\x00"} {
		if _, err := FromHost(h, Defaults{}); err == nil {
			t.Errorf("FromHost(%q): want error", h)
		}
	}
}

func TestParseExpiry(t *testing.T) {
	tests := []struct{ in, want string }{
		{"30d", "2026-12-30T07:00:00Z"},
		{"2w", "2026-12-14T07:00:00Z"},
		{"12h", "2026-11-30T19:00:00Z"},
		{"90m", "2026-11-30T08:30:00Z"},
		{"1h30m", "2026-11-30T08:30:00Z"},
		{"2027-01-31", "2027-01-31T00:00:00Z"},
		{"2027-01-31T12:00:00+02:00", "2027-01-31T10:00:00Z"},
		{" 1d ", "2026-12-01T07:00:00Z"},
	}
	for _, tt := range tests {
		got, err := ParseExpiry(tt.in, now)
		if err != nil {
			t.Errorf("ParseExpiry(%q): %v", tt.in, err)
			continue
		}
		if s := FormatTime(got); s != tt.want {
			t.Errorf("ParseExpiry(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
	for _, in := range []string{"", "soon", "-3d", "0s", "2026-11-30", "2020-01-01T00:00:00Z", "30x", "1234567d"} {
		if _, err := ParseExpiry(in, now); err == nil {
			t.Errorf("ParseExpiry(%q): want error", in)
		}
	}
}

func TestParseEnums(t *testing.T) {
	tests := []struct {
		parse   func(string) (string, error)
		in, out string
	}{
		{ParseAction, "BLOCK", "block"},
		{ParseAction, "alert", "alert"},
		{ParseThreatType, "malware", "Malware"},
		{ParseThreatType, "ddos", "DDoS"},
		{ParseThreatType, "maliciousurl", "MaliciousUrl"},
		{ParseTLP, "TLP:AMBER", "amber"},
		{ParseTLP, "Green", "green"},
		{ParseTargetProduct, "sentinel", "Azure Sentinel"},
		{ParseTargetProduct, "MDE", "Microsoft Defender ATP"},
		{ParseTargetProduct, "microsoft defender atp", "Microsoft Defender ATP"},
	}
	for _, tt := range tests {
		got, err := tt.parse(tt.in)
		if err != nil || got != tt.out {
			t.Errorf("parse %q = %q, %v; want %q", tt.in, got, err, tt.out)
		}
	}
	for _, c := range []struct {
		parse func(string) (string, error)
		in    string
	}{{ParseAction, "deny"}, {ParseThreatType, "ransomware"}, {ParseTLP, "clear"}, {ParseTLP, "TLP:"}, {ParseTargetProduct, "splunk"}} {
		if _, err := c.parse(c.in); err == nil {
			t.Errorf("parse %q: want error", c.in)
		}
	}
	_, err := ParseAction("deny")
	if want := `invalid action "deny": want one of "unknown", "allow", "block", "alert"`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}
