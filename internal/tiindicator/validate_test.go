package tiindicator

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// valid is a minimal indicator that passes Validate; each case below breaks one thing.
const valid = `{"action":"block","description":"d","expirationDateTime":"2026-12-30T07:00:00Z",` +
	`"targetProduct":"Azure Sentinel","threatType":"Malware","tlpLevel":"amber","domainName":"evil.com"}`

func mutate(t *testing.T, f func(m map[string]any)) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(valid), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ := json.Marshal(m)
	return b
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		f    func(m map[string]any)
	}{
		{"minimal", func(m map[string]any) {}},
		{"file hash", func(m map[string]any) {
			delete(m, "domainName")
			m["fileHashType"], m["fileHashValue"] = "sha256", "b555c45c5b1b01304217e72118d6ca1b14b7013644a078273cea27bbdc1cf9d6"
		}},
		{"email only", func(m map[string]any) { delete(m, "domainName"); m["emailSenderAddress"] = "a@evil.com" }},
		{"port only", func(m map[string]any) { delete(m, "domainName"); m["networkPort"] = 443 }},
		{"docs timestamp with 7 digits and offset", func(m map[string]any) { m["expirationDateTime"] = "2019-03-01T21:44:03.1668987+00:00" }},
		{"all enums and ranges", func(m map[string]any) {
			m["action"], m["tlpLevel"], m["targetProduct"] = "alert", "red", "Microsoft Defender ATP"
			m["diamondModel"], m["killChain"] = "infrastructure", []string{"C2", "Delivery"}
			m["confidence"], m["severity"] = 100, 0
			m["networkIPv4"], m["networkIPv6"], m["networkCidrBlock"] = "1.2.3.4", "2001:db8::1", "10.0.0.0/8"
			m["emailSourceIpAddress"] = "2001:db8::2"
			m["networkDestinationPort"] = 65535
		}},
		{"empty collections and zero numbers like the docs' example", func(m map[string]any) {
			m["activityGroupNames"], m["killChain"], m["tags"] = []string{}, []string{}, []string{}
			m["confidence"], m["severity"] = 0, 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind, err := Decode(mutate(t, tt.f))
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(ind); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name string
		f    func(m map[string]any)
		want []string
	}{
		{"nothing", func(m map[string]any) { clear(m) }, []string{
			"missing required property action", "missing required property description",
			"missing required property expirationDateTime", "missing required property targetProduct",
			"missing required property threatType", "missing required property tlpLevel",
			"no observable: set at least one email, file or network property (domainName, networkIPv4, url, fileHashValue, emailSenderAddress…)",
		}},
		{"blank description", func(m map[string]any) { m["description"] = "  " }, []string{"missing required property description"}},
		{"no observable", func(m map[string]any) { delete(m, "domainName"); m["fileHashType"] = "sha1" }, []string{
			"no observable: set at least one email, file or network property (domainName, networkIPv4, url, fileHashValue, emailSenderAddress…)",
			"fileHashType without fileHashValue",
		}},
		{"action", func(m map[string]any) { m["action"] = "deny" }, []string{`action "deny" is not one of "unknown", "allow", "block", "alert"`}},
		{"action case", func(m map[string]any) { m["action"] = "Block" }, []string{`action "Block" is not a documented value: did you mean "block"?`}},
		{"threat type", func(m map[string]any) { m["threatType"] = "malware" }, []string{`threatType "malware" is not a documented value: did you mean "Malware"?`}},
		{"tlp", func(m map[string]any) { m["tlpLevel"] = "clear" }, []string{`tlpLevel "clear" is not one of "unknown", "white", "green", "amber", "red"`}},
		{"target product", func(m map[string]any) { m["targetProduct"] = "Microsoft Defender for Endpoint" }, []string{`targetProduct "Microsoft Defender for Endpoint" is not one of "Azure Sentinel", "Microsoft Defender ATP"`}},
		{"hash type", func(m map[string]any) { m["fileHashValue"], m["fileHashType"] = "ab", "sha512" }, []string{`fileHashType "sha512" is not one of "unknown", "sha1", "sha256", "md5", "authenticodeHash256", "lsHash", "ctph"`}},
		{"hash without type", func(m map[string]any) { m["fileHashValue"] = "ab" }, []string{"fileHashValue needs fileHashType"}},
		{"diamond", func(m map[string]any) { m["diamondModel"] = "victims" }, []string{`diamondModel "victims" is not one of "unknown", "adversary", "capability", "infrastructure", "victim"`}},
		{"kill chain", func(m map[string]any) { m["killChain"] = []string{"C2", "c2"} }, []string{`killChain "c2" is not a documented value: did you mean "C2"?`}},
		{"expiry", func(m map[string]any) { m["expirationDateTime"] = "2026-12-30" }, []string{`expirationDateTime "2026-12-30" is not an ISO 8601 time with a zone (2026-12-31T00:00:00Z)`}},
		{"expiry without zone", func(m map[string]any) { m["expirationDateTime"] = "2026-12-30T00:00:00" }, []string{`expirationDateTime "2026-12-30T00:00:00" is not an ISO 8601 time with a zone (2026-12-31T00:00:00Z)`}},
		{"confidence", func(m map[string]any) { m["confidence"] = 101 }, []string{"confidence 101 is outside 0–100"}},
		{"severity", func(m map[string]any) { m["severity"] = -1 }, []string{"severity -1 is outside 0–5"}},
		{"port", func(m map[string]any) { m["networkSourcePort"] = 70000 }, []string{"networkSourcePort 70000 is outside 0–65535"}},
		{"ipv4 family", func(m map[string]any) { m["networkIPv4"] = "2001:db8::1" }, []string{`networkIPv4 "2001:db8::1" is not an IPv4 address`}},
		{"ipv6 family", func(m map[string]any) { m["networkDestinationIPv6"] = "1.2.3.4" }, []string{`networkDestinationIPv6 "1.2.3.4" is not an IPv6 address`}},
		{"not an address", func(m map[string]any) { m["emailSourceIpAddress"] = "evil.com" }, []string{`emailSourceIpAddress "evil.com" is not an IP address`}},
		{"zone", func(m map[string]any) { m["networkIPv6"] = "fe80::1%eth0" }, []string{`networkIPv6 "fe80::1%eth0" is not an IP address`}},
		{"cidr", func(m map[string]any) { m["networkSourceCidrBlock"] = "10.0.0.0" }, []string{`networkSourceCidrBlock "10.0.0.0" is not a CIDR block`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind, err := Decode(mutate(t, tt.f))
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(ind)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want *ValidationError", err)
			}
			if !reflect.DeepEqual(ve.Problems, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", ve.Problems, tt.want)
			}
			if err.Error() != strings.Join(tt.want, "; ") {
				t.Errorf("Error() = %q", err)
			}
		})
	}
}

func TestDecodeTypeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"confidence":"high"}`, "confidence: want a whole number, got JSON string"},
		{`{"isActive":"yes"}`, "isActive: want true or false, got JSON string"},
		{`{"tags":"a"}`, "tags: want an array of strings, got JSON string"},
		{`{"domainName":1}`, "domainName: want a string, got JSON number"},
		{`{"severity":3000000000}`, "severity: want a whole number, got JSON number 3000000000"},
		{`[1]`, "not a tiIndicator object: JSON array"},
	}
	for _, tt := range tests {
		_, err := Decode(json.RawMessage(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%s) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestWarnings(t *testing.T) {
	yes, no := true, false
	long := strings.Repeat("é", 101)
	tests := []struct {
		name string
		ind  Indicator
		want []string
	}{
		{"none", Indicator{Description: strings.Repeat("é", 100), ExpirationDateTime: "2026-12-01T00:00:00Z", TLPLevel: "red", PassiveOnly: &yes}, nil},
		{"long description", Indicator{Description: long}, []string{"description has 101 characters; the documented limit is 100"}},
		{"docs example description", Indicator{Description: "This is a canary indicator for demo purpose. Take no action on any observables set in this indicator."},
			[]string{"description has 101 characters; the documented limit is 100"}},
		{"expired", Indicator{ExpirationDateTime: "2026-11-30T07:00:00Z"}, []string{"expirationDateTime 2026-11-30T07:00:00Z is not in the future"}},
		{"red without passive", Indicator{TLPLevel: "red"}, []string{"tlpLevel red without passiveOnly: the documentation asks for passiveOnly true"}},
		{"red passive false", Indicator{TLPLevel: "red", PassiveOnly: &no}, []string{"tlpLevel red without passiveOnly: the documentation asks for passiveOnly true"}},
	}
	for _, tt := range tests {
		if got := Warnings(tt.ind, now); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Warnings = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFromHostValidates(t *testing.T) {
	exp, _ := ParseExpiry("30d", now)
	ind, err := FromHost("evil.com", Defaults{Action: "block", ThreatType: "C2", TLPLevel: "green", Expiration: exp, TargetProduct: "Azure Sentinel", Description: "c2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(ind); err != nil {
		t.Fatal(err)
	}
	if w := Warnings(ind, now); w != nil {
		t.Fatal(w)
	}
}

func TestValidateUpdate(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		needID bool
		want   string
	}{
		{"docs example item", `{"id":"c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4","additionalInformation":"mytest"}`, true, ""},
		{"patch body without id", `{"description":"new","action":"alert","tlpLevel":"red","expirationDateTime":"2027-01-01T00:00:00Z"}`, false, ""},
		{"bulk item without id", `{"description":"new"}`, true, "missing required property id"},
		{"bad values", `{"id":"x","action":"deny","severity":9,"expirationDateTime":"soon"}`, true,
			`action "deny" is not one of "unknown", "allow", "block", "alert"; expirationDateTime "soon" is not an ISO 8601 time with a zone (2026-12-31T00:00:00Z); severity 9 is outside 0–5`},
		{"hash without type", `{"id":"x","fileHashValue":"ab"}`, true, "fileHashValue needs fileHashType"},
	}
	for _, tt := range tests {
		ind, err := Decode(json.RawMessage(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		err = ValidateUpdate(ind, tt.needID)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: ValidateUpdate = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestUnknown(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{valid, nil},
		{`{"@odata.type":"#microsoft.graph.tiIndicator","domainName":"a"}`, nil},
		{`{"actoin":"block","domainname":"a","url":"u"}`, []string{"actoin", "domainname"}},
		{`[1]`, nil},
	}
	for _, tt := range tests {
		if got := Unknown(json.RawMessage(tt.in)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Unknown(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
