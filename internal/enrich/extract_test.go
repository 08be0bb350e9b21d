package enrich

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// found is an Extracted without the alert and incident, which every case shares.
type found struct{ indicator, host, kind, property string }

type dropped struct{ indicator, kind, property, why string }

func extractOne(t *testing.T, evidence string) ([]found, []dropped) {
	t.Helper()
	alert := `{"id":"a1","incidentId":"7","evidence":[` + evidence + `]}`
	x, err := FromAlert([]byte(alert), "")
	if err != nil {
		t.Fatalf("FromAlert: %v", err)
	}
	var fs []found
	for _, f := range x.Found {
		if f.AlertID != "a1" || f.IncidentID != "7" {
			t.Errorf("%+v: want alert a1 of incident 7", f)
		}
		fs = append(fs, found{f.Indicator, f.Host, f.Kind, f.Property})
	}
	var ds []dropped
	for _, d := range x.Dropped {
		if d.Host != "" || d.AlertID != "a1" || d.IncidentID != "7" {
			t.Errorf("%+v: want no host, alert a1 of incident 7", d)
		}
		ds = append(ds, dropped{d.Indicator, d.Kind, d.Property, d.Err.Error()})
	}
	return fs, ds
}

// Each documented type, filled in from its page's JSON representation.
func TestFromAlertDocumentedEvidenceTypes(t *testing.T) {
	tests := []struct {
		name, evidence string
		want           []found
	}{
		{"ipEvidence", `{"@odata.type":"#microsoft.graph.security.ipEvidence","createdDateTime":"2024-01-01T00:00:00Z",
			"verdict":"malicious","remediationStatus":"none","roles":["attacker","source"],"tags":[],
			"ipAddress":"203.0.113.5","countryLetterCode":"US"}`,
			[]found{{"203.0.113.5", "203.0.113.5", "ip", "ipAddress"}}},
		{"ipEvidence IPv6", `{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"2001:DB8:0:0::1"}`,
			[]found{{"2001:DB8:0:0::1", "2001:db8::1", "ip", "ipAddress"}}},
		{"ipEvidence IPv6 in brackets", `{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"[2001:db8::7]"}`,
			[]found{{"[2001:db8::7]", "2001:db8::7", "ip", "ipAddress"}}},
		{"ipEvidence IPv6 with a zone", `{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"fe80::1c2d%12"}`,
			[]found{{"fe80::1c2d%12", "fe80::1c2d", "ip", "ipAddress"}}},
		{"ipEvidence defanged", `{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113[.]10"}`,
			[]found{{"203.0.113[.]10", "203.0.113.10", "ip", "ipAddress"}}},
		{"ipEvidence IPv4-mapped", `{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"::ffff:8.8.4.4"}`,
			[]found{{"::ffff:8.8.4.4", "8.8.4.4", "ip", "ipAddress"}}},
		{"urlEvidence", `{"@odata.type":"#microsoft.graph.security.urlEvidence","verdict":"suspicious","url":"https://Login.Evil.Example:8443/a?b=c#d"}`,
			[]found{{"https://Login.Evil.Example:8443/a?b=c#d", "login.evil.example", "url", "url"}}},
		{"urlEvidence defanged", `{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"hxxps://evil[.]example/login"}`,
			[]found{{"hxxps://evil[.]example/login", "evil.example", "url", "url"}}},
		{"urlEvidence defanged scheme-less", `{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"evil[.]example/login.php"}`,
			[]found{{"evil[.]example/login.php", "evil.example", "url", "url"}}},
		{"urlEvidence host and port without scheme", `{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"evil.example:8080"}`,
			[]found{{"evil.example:8080", "evil.example", "url", "url"}}},
		{"urlEvidence IPv6 literal", `{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"http://[2001:db8::5]:8080/x"}`,
			[]found{{"http://[2001:db8::5]:8080/x", "2001:db8::5", "url", "url"}}},
		{"urlEvidence IPv6 literal without scheme", `{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"[2001:db8::6]/x"}`,
			[]found{{"[2001:db8::6]/x", "2001:db8::6", "url", "url"}}},
		{"dnsEvidence", `{"@odata.type":"#microsoft.graph.security.dnsEvidence","roles":[],"detailedRoles":[],
			"domainName":"C2.Evil.Example.",
			"ipAddresses":[{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"198.51.100.20"},
			               {"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"198.51.100.21"}],
			"dnsServerIp":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"10.0.0.53"},
			"hostIpAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"10.0.0.7"}}`,
			[]found{
				{"C2.Evil.Example.", "c2.evil.example", "dns", "domainName"},
				{"198.51.100.20", "198.51.100.20", "dns", "ipAddresses.ipAddress"},
				{"198.51.100.21", "198.51.100.21", "dns", "ipAddresses.ipAddress"},
				{"10.0.0.53", "10.0.0.53", "dns", "dnsServerIp.ipAddress"},
				{"10.0.0.7", "10.0.0.7", "dns", "hostIpAddress.ipAddress"},
			}},
		{"networkConnectionEvidence", `{"@odata.type":"#microsoft.graph.security.networkConnectionEvidence",
			"sourceAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"10.1.2.3"},"sourcePort":49152,
			"destinationAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.44"},"destinationPort":443,
			"protocol":"tcp"}`,
			[]found{
				{"10.1.2.3", "10.1.2.3", "networkConnection", "sourceAddress.ipAddress"},
				{"192.0.2.44", "192.0.2.44", "networkConnection", "destinationAddress.ipAddress"},
			}},
		{"analyzedMessageEvidence", `{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence",
			"networkMessageId":"a9ff9a5b-1ef6-4d4c-8b4d-08d9c4f0e2a1","internetMessageId":"<x@mail.evil.example>",
			"subject":"Invoice","language":"en","senderIp":"203.0.113.9","recipientEmailAddress":"kai@contoso.com",
			"antiSpamDirection":"inbound","deliveryAction":"delivered","deliveryLocation":"inbox","urn":"urn:x",
			"threats":["Phish"],"threatDetectionMethods":["urlDetonation"],
			"urls":["https://pay.evil.example/inv","hxxp://cdn.evil[.]example/a.js"],"urlCount":2,"attachmentsCount":0,
			"receivedDateTime":"2024-01-01T00:00:00Z",
			"p1Sender":{"@odata.type":"microsoft.graph.security.emailSender","emailAddress":"billing@evil.example","displayName":"Billing","domainName":"evil.example"},
			"p2Sender":{"@odata.type":"microsoft.graph.security.emailSender","emailAddress":"billing@Spoofed.Example","displayName":"Billing","domainName":"Spoofed.Example"}}`,
			[]found{
				{"203.0.113.9", "203.0.113.9", "analyzedMessage", "senderIp"},
				{"https://pay.evil.example/inv", "pay.evil.example", "analyzedMessage", "urls"},
				{"hxxp://cdn.evil[.]example/a.js", "cdn.evil.example", "analyzedMessage", "urls"},
				{"evil.example", "evil.example", "analyzedMessage", "p1Sender.domainName"},
				{"Spoofed.Example", "spoofed.example", "analyzedMessage", "p2Sender.domainName"},
			}},
		{"teamsMessageEvidence (beta)", `{"@odata.type":"#microsoft.graph.security.teamsMessageEvidence","campaignId":"c1",
			"senderFromAddress":"eve@evil.example","senderIP":"198.51.100.77","recipients":["kai@contoso.com"],
			"files":[{"@odata.type":"microsoft.graph.security.fileEvidence"}],
			"urls":[{"@odata.type":"microsoft.graph.security.urlEvidence","url":"https://teams-lure.example/x"}]}`,
			[]found{
				{"198.51.100.77", "198.51.100.77", "teamsMessage", "senderIP"},
				{"https://teams-lure.example/x", "teams-lure.example", "teamsMessage", "urls.url"},
			}},
		{"deviceEvidence reads ipInterfaces, not the device's own name", `{"@odata.type":"#microsoft.graph.security.deviceEvidence",
			"deviceDnsName":"desktop-7.corp.contoso.com","ipInterfaces":["1.1.1.1","fe80::1","10.0.0.4"],"loggedOnUsers":[]}`,
			[]found{
				{"1.1.1.1", "1.1.1.1", "device", "ipInterfaces"},
				{"fe80::1", "fe80::1", "device", "ipInterfaces"},
				{"10.0.0.4", "10.0.0.4", "device", "ipInterfaces"},
			}},
		{"nicEvidence (beta)", `{"@odata.type":"#microsoft.graph.security.nicEvidence","macAddress":"00-15-5D-01-02-03",
			"ipAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"192.168.1.20"},"vlans":["10"]}`,
			[]found{{"192.168.1.20", "192.168.1.20", "nic", "ipAddress.ipAddress"}}},
		{"ioTDeviceEvidence (beta)", `{"@odata.type":"#microsoft.graph.security.ioTDeviceEvidence","deviceId":"d1","deviceName":"turbine",
			"sourceRef":{"@odata.type":"microsoft.graph.security.urlEvidence","url":"https://portal.iot.example/devices/d1"},
			"devicePageLink":"https://portal.iot.example/d1",
			"ipAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"172.16.5.5"},
			"nics":[{"@odata.type":"microsoft.graph.security.nicEvidence","ipAddress":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.200"}}]}`,
			[]found{
				{"172.16.5.5", "172.16.5.5", "ioTDevice", "ipAddress.ipAddress"},
				{"203.0.113.200", "203.0.113.200", "ioTDevice", "nics.ipAddress.ipAddress"},
			}},
		{"iotDeviceEvidence spelled in another case", `{"@odata.type":"#microsoft.graph.security.iotDeviceEvidence","ipAddress":{"ipAddress":"198.51.100.3"}}`,
			[]found{{"198.51.100.3", "198.51.100.3", "ioTDevice", "ipAddress.ipAddress"}}},
		{"kubernetesPodEvidence", `{"@odata.type":"#microsoft.graph.security.kubernetesPodEvidence","name":"web-0",
			"podIp":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"10.244.1.7"},"labels":{},"containers":[]}`,
			[]found{{"10.244.1.7", "10.244.1.7", "kubernetesPod", "podIp.ipAddress"}}},
		{"kubernetesServiceEvidence", `{"@odata.type":"#microsoft.graph.security.kubernetesServiceEvidence","name":"web",
			"clusterIP":{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"10.0.12.1"},
			"externalIPs":[{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"20.30.40.50"}],"serviceType":"loadBalancer"}`,
			[]found{
				{"10.0.12.1", "10.0.12.1", "kubernetesService", "clusterIP.ipAddress"},
				{"20.30.40.50", "20.30.40.50", "kubernetesService", "externalIPs.ipAddress"},
			}},
		{"types with nothing to look up", `
			{"@odata.type":"#microsoft.graph.security.fileEvidence","fileDetails":{"fileName":"evil.example"}},
			{"@odata.type":"#microsoft.graph.security.processEvidence","userAccount":{"domainName":"NT AUTHORITY"}},
			{"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"domainName":"CONTOSO","userPrincipalName":"kai@contoso.com"}},
			{"@odata.type":"#microsoft.graph.security.mailboxEvidence","primaryAddress":"kai@contoso.com","upn":"kai@contoso.com"},
			{"@odata.type":"#microsoft.graph.security.mailClusterEvidence","clusterBy":"Sender","clusterByValue":"evil.example"},
			{"@odata.type":"#microsoft.graph.security.cloudApplicationEvidence","appId":11161,"displayName":"Office 365","instanceName":"contoso"},
			{"@odata.type":"#microsoft.graph.security.cloudLogonSessionEvidence","SessionId":"s","UserAgent":"curl/8","DeviceName":"pc"},
			{"@odata.type":"#microsoft.graph.security.blobEvidence","url":"https://contosostore.blob.core.windows.net/c/b"},
			{"@odata.type":"#microsoft.graph.security.oauthApplicationEvidence","appId":"x","displayName":"evil.example"},
			{"@odata.type":"#microsoft.graph.security.alertEvidence"}`,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, drops := extractOne(t, tt.evidence)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found\n got %+v\nwant %+v", got, tt.want)
			}
			if len(drops) != 0 {
				t.Errorf("dropped %+v", drops)
			}
		})
	}
}

func TestFromAlertToleratesOddEvidence(t *testing.T) {
	tests := []struct {
		name, evidence string
		want           []found
		drops          []dropped
	}{
		{"PascalCase properties", `{"@odata.type":"#microsoft.graph.security.networkConnectionEvidence",
			"DestinationAddress":{"IpAddress":"192.0.2.80"}}`,
			[]found{{"192.0.2.80", "192.0.2.80", "networkConnection", "destinationAddress.ipAddress"}}, nil},
		{"type without #", `{"@odata.type":"microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.81"}`,
			[]found{{"192.0.2.81", "192.0.2.81", "ip", "ipAddress"}}, nil},
		{"nulls and missing properties", `
			{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":null},
			{"@odata.type":"#microsoft.graph.security.ipEvidence"},
			{"@odata.type":"#microsoft.graph.security.dnsEvidence","domainName":null,"ipAddresses":null,"dnsServerIp":null},
			{"@odata.type":"#microsoft.graph.security.networkConnectionEvidence","sourceAddress":null,"destinationAddress":{}},
			{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","urls":[null,"",""],"p1Sender":null},
			{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"   "}`,
			nil, nil},
		{"wrong types", `
			{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":16843009},
			{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":true},
			{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","urls":"https://one.example/x","senderIp":["192.0.2.9"]},
			{"@odata.type":"#microsoft.graph.security.deviceEvidence","ipInterfaces":[1,{"x":"y"},"192.0.2.10"]},
			{"@odata.type":"#microsoft.graph.security.dnsEvidence","ipAddresses":["192.0.2.11"]},
			{"@odata.type":42,"ipAddress":"192.0.2.12"},
			"not an object", 7, null`,
			[]found{
				{"192.0.2.9", "192.0.2.9", "analyzedMessage", "senderIp"},
				{"https://one.example/x", "one.example", "analyzedMessage", "urls"},
				{"192.0.2.10", "192.0.2.10", "device", "ipInterfaces"},
				{"192.0.2.11", "192.0.2.11", "dns", "ipAddresses.ipAddress"},
			}, nil},
		{"invalid values are dropped with the reason", `
			{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"1.2.3.256"},
			{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"javascript://alert(1)"},
			{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"mailto:eve@evil.example"},
			{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"eve@evil.example"},
			{"@odata.type":"#microsoft.graph.security.dnsEvidence","domainName":"bad..example"},
			{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","urls":["https://ok.example/","http://a b.example/"]}`,
			[]found{{"https://ok.example/", "ok.example", "analyzedMessage", "urls"}},
			[]dropped{
				{"1.2.3.256", "ip", "ipAddress", "not a valid IP address"},
				{"javascript://alert(1)", "url", "url", "unsupported URL scheme"},
				{"mailto:eve@evil.example", "url", "url", `unsupported URL scheme "mailto"`},
				{"eve@evil.example", "url", "url", "e-mail address"},
				{"bad..example", "dns", "domainName", "empty label"},
				{"http://a b.example/", "analyzedMessage", "urls", "white space"},
			}},
		{"undocumented type: nested documented evidence is read, names are not guessed", `
			{"@odata.type":"#microsoft.graph.security.futureThingEvidence","address":"8.8.8.8","name":"guess.example",
			 "peer":{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.30"},
			 "links":[{"@odata.type":"microsoft.graph.security.urlEvidence","url":"https://future.example/p"}],
			 "deep":{"host":{"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"pc","ipInterfaces":["192.0.2.31"]}}}`,
			[]found{
				{"192.0.2.31", "192.0.2.31", "futureThing", "deep.host.ipInterfaces"},
				{"https://future.example/p", "future.example", "futureThing", "links.url"},
				{"192.0.2.30", "192.0.2.30", "futureThing", "peer.ipAddress"},
			}, nil},
		{"evidence without a type is scanned the same way", `
			{"ipAddress":"8.8.8.8","remote":{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.32"}}`,
			[]found{{"192.0.2.32", "192.0.2.32", "unknown", "remote.ipAddress"}}, nil},
		{"undocumented type nested beyond the depth bound is not read", `
			{"@odata.type":"#microsoft.graph.security.deepEvidence","a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":
			  {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.33"}}}}}}}}}}`,
			nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, drops := extractOne(t, tt.evidence)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found\n got %+v\nwant %+v", got, tt.want)
			}
			if len(drops) != len(tt.drops) {
				t.Fatalf("dropped\n got %+v\nwant %+v", drops, tt.drops)
			}
			for i, d := range drops {
				w := tt.drops[i]
				if d.indicator != w.indicator || d.kind != w.kind || d.property != w.property || !strings.Contains(d.why, w.why) {
					t.Errorf("dropped[%d] = %+v, want %+v", i, d, w)
				}
			}
		})
	}
}

func TestFromAlertDocumentedExample(t *testing.T) {
	// testdata/alert-get.json is the response example of api-reference/v1.0/api/security-alert-get.md.
	data, err := os.ReadFile("testdata/alert-get.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ incidentArg, wantIncident string }{
		{"", "28282"},          // the alert's own incidentId
		{"2972395", "2972395"}, // the incident the caller read it through
	}
	for _, tt := range tests {
		x, err := FromAlert(data, tt.incidentArg)
		if err != nil {
			t.Fatal(err)
		}
		want := []Extracted{{Indicator: "1.1.1.1", Host: "1.1.1.1", Kind: "device", Property: "ipInterfaces",
			AlertID: "da637578995287051192_756343937", IncidentID: tt.wantIncident}}
		if !reflect.DeepEqual(x.Found, want) || len(x.Dropped) != 0 {
			t.Errorf("FromAlert(…, %q) = %+v, want %+v", tt.incidentArg, x, want)
		}
	}
}

func TestFromAlertShapes(t *testing.T) {
	tests := []struct {
		name, alert string
		want        []Extracted
	}{
		{"numeric incidentId", `{"id":"a","incidentId":28282,"evidence":[{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.1"}]}`,
			[]Extracted{{Indicator: "192.0.2.1", Host: "192.0.2.1", Kind: "ip", Property: "ipAddress", AlertID: "a", IncidentID: "28282"}}},
		{"no incident", `{"id":"a","evidence":[{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.1"}]}`,
			[]Extracted{{Indicator: "192.0.2.1", Host: "192.0.2.1", Kind: "ip", Property: "ipAddress", AlertID: "a"}}},
		{"Evidence in PascalCase", `{"Id":"a","Evidence":[{"@odata.type":"#microsoft.graph.security.ipEvidence","IpAddress":"192.0.2.1"}]}`,
			[]Extracted{{Indicator: "192.0.2.1", Host: "192.0.2.1", Kind: "ip", Property: "ipAddress", AlertID: "a"}}},
		{"evidence missing", `{"id":"a"}`, nil},
		{"evidence null", `{"id":"a","evidence":null}`, nil},
		{"evidence an object", `{"id":"a","evidence":{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.1"}}`, nil},
		{"evidence empty", `{"id":"a","evidence":[]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := FromAlert([]byte(tt.alert), "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(x.Found, tt.want) {
				t.Errorf("found\n got %+v\nwant %+v", x.Found, tt.want)
			}
		})
	}
	for _, bad := range []string{``, `[]`, `"alert"`, `{"id":`, `null`} {
		if _, err := FromAlert([]byte(bad), ""); err == nil {
			t.Errorf("FromAlert(%q): want an error", bad)
		}
		if _, err := FromIncident([]byte(bad)); err == nil {
			t.Errorf("FromIncident(%q): want an error", bad)
		}
	}
}

func TestFromIncidentDocumentedExample(t *testing.T) {
	// testdata/incident-expand-alerts.json is example 2 of api-reference/v1.0/api/security-list-incidents.md
	// (GET /security/incidents?$expand=alerts), one incident of the list. Its alert says
	// incidentId 28282 while it sits in incident 2972395: the incident it was read through wins.
	data, err := os.ReadFile("testdata/incident-expand-alerts.json")
	if err != nil {
		t.Fatal(err)
	}
	x, err := FromIncident(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Extracted{{Indicator: "1.1.1.1", Host: "1.1.1.1", Kind: "device", Property: "ipInterfaces",
		AlertID: "da637551227677560813_-961444813", IncidentID: "2972395"}}
	if !reflect.DeepEqual(x.Found, want) {
		t.Errorf("found\n got %+v\nwant %+v", x.Found, want)
	}
}

func TestFromIncidentAlertsMissingOrOdd(t *testing.T) {
	for _, inc := range []string{`{"id":"1"}`, `{"id":"1","alerts":null}`, `{"id":"1","alerts":{}}`, `{"id":"1","alerts":[null,1,"x"]}`} {
		x, err := FromIncident([]byte(inc))
		if err != nil || len(x.Found) != 0 || len(x.Dropped) != 0 {
			t.Errorf("FromIncident(%s) = %+v, %v; want nothing", inc, x, err)
		}
	}
}

func FuzzFromAlert(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","evidence":[{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"hxxps://evil[.]example/x"}]}`,
		`{"id":"a","evidence":[{"@odata.type":"#microsoft.graph.security.dnsEvidence","domainName":"x.example","ipAddresses":[{"ipAddress":"::1"}]}]}`,
		`{"id":"a","evidence":[{"@odata.type":"#x.futureEvidence","a":[{"b":{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"1.2.3.4"}}]}]}`,
		`{"evidence":[{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","urls":["[2001:db8::1]:80/x","a@b","x:y"]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, alert []byte) {
		x, err := FromAlert(alert, "")
		if err != nil {
			return
		}
		// Whatever the evidence says, a host handed on for lookup is a key the HOST parser
		// gives back unchanged: nothing else can reach a request path.
		for _, e := range x.Found {
			h, err := indicator.ParseHost(e.Host)
			if err != nil || h.Key != e.Host {
				t.Fatalf("host %q from %q is not a parsed key: %v", e.Host, e.Indicator, err)
			}
		}
		for _, d := range x.Dropped {
			if d.Host != "" || d.Err == nil {
				t.Fatalf("dropped %+v has a host or no reason", d)
			}
		}
	})
}

// Every type documented as carrying nothing to look up stays silent, even when it carries
// properties that another type would read.
func TestFromAlertTypesReadForNothing(t *testing.T) {
	silent := 0
	for name, typ := range evidenceTypes() {
		if len(typ.sources) > 0 {
			continue
		}
		silent++
		item := `{"@odata.type":"#microsoft.graph.security.` + typ.kind + `Evidence","url":"https://a.example/",` +
			`"ipAddress":"192.0.2.1","domainName":"b.example","urls":["https://c.example/"],` +
			`"nested":{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"192.0.2.2"}}`
		if got, drops := extractOne(t, item); len(got) != 0 || len(drops) != 0 {
			t.Errorf("%s: found %+v, dropped %+v", name, got, drops)
		}
	}
	if silent < 20 {
		t.Errorf("only %d silent types: the table lost some", silent)
	}
}
