package enrich

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mdti-cli/mdti/internal/indicator"
)

func rowsOf(t *testing.T, s string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func columns(names ...string) []HuntColumn {
	cols := make([]HuntColumn, len(names))
	for i, n := range names {
		cols[i] = HuntColumn{Name: n, Type: "String"}
	}
	return cols
}

func TestHostsFromHunt(t *testing.T) {
	p := policy(t, "contoso.com")
	tests := []struct {
		name    string
		schema  []HuntColumn
		rows    string
		hosts   []string
		skipped []SkippedHost
	}{
		{"the documented example finds nothing in process names",
			// api-reference/v1.0/api/security-security-runhuntingquery.md, example 1
			columns("Timestamp", "FileName", "InitiatingProcessFileName"),
			`[{"Timestamp":"2024-03-26T09:39:50.7688641Z","FileName":"cmd.exe","InitiatingProcessFileName":"powershell.exe"},
			  {"Timestamp":"2024-03-26T09:39:49.4353788Z","FileName":"cmd.exe","InitiatingProcessFileName":"powershell.exe"}]`,
			nil, nil},
		{"EmailUrlInfo",
			columns("Timestamp", "NetworkMessageId", "Url", "UrlDomain", "UrlLocation", "ReportId"),
			`[{"Timestamp":"2024-01-01T00:00:00Z","NetworkMessageId":"a9ff9a5b-1ef6-4d4c-8b4d-08d9c4f0e2a1","Url":"https://pay.fake-malicious.site/inv?id=1","UrlDomain":"pay.fake-malicious.site","UrlLocation":"Body","ReportId":12345},
			  {"Timestamp":"2024-01-01T00:00:00Z","NetworkMessageId":"b9ff9a5b-1ef6-4d4c-8b4d-08d9c4f0e2a1","Url":"hxxp://cdn[.]fake-malicious.site/a.js","UrlDomain":"CDN.fake-malicious.site","UrlLocation":"Body","ReportId":"12346"},
			  {"Timestamp":"2024-01-01T00:00:00Z","NetworkMessageId":"c9ff9a5b-1ef6-4d4c-8b4d-08d9c4f0e2a1","Url":"https://intranet.contoso.com/x","UrlDomain":"intranet.contoso.com","UrlLocation":"Body","ReportId":"12347"}]`,
			[]string{"pay.fake-malicious.site", "cdn.fake-malicious.site"},
			[]SkippedHost{{"intranet.contoso.com", indicator.SkipOwnDomain}}},
		{"DeviceNetworkEvents",
			columns("Timestamp", "DeviceName", "LocalIP", "RemoteIP", "RemotePort", "RemoteUrl", "InitiatingProcessFileName"),
			`[{"Timestamp":"t","DeviceName":"pc7.corp.contoso.com","LocalIP":"192.168.1.2","RemoteIP":"203.0.113.10","RemotePort":443,"RemoteUrl":"login.fake-malicious.site","InitiatingProcessFileName":"chrome.exe"},
			  {"Timestamp":"t","DeviceName":"pc7.corp.contoso.com","LocalIP":"192.168.1.2","RemoteIP":"10.0.0.1","RemotePort":445,"RemoteUrl":"","InitiatingProcessFileName":"svchost.exe"},
			  {"Timestamp":"t","DeviceName":"pc8","LocalIP":"fe80::1%5","RemoteIP":"::ffff:203.0.113.10","RemotePort":80,"RemoteUrl":"update-northwind.net:8080/x","InitiatingProcessFileName":"update.exe"}]`,
			[]string{"203.0.113.10", "login.fake-malicious.site", "update-northwind.net"},
			[]SkippedHost{{"192.168.1.2", indicator.SkipPrivate}, {"10.0.0.1", indicator.SkipPrivate}, {"fe80::1", indicator.SkipLinkLocal}}},
		{"EmailEvents",
			columns("SenderFromAddress", "SenderFromDomain", "SenderMailFromDomain", "SenderIPv4", "SenderIPv6", "RecipientEmailAddress", "RecipientObjectId"),
			`[{"SenderFromAddress":"eve@woodgrove-bank-login.com","SenderFromDomain":"woodgrove-bank-login.com","SenderMailFromDomain":"Bounce.Woodgrove-Bank-Login.com",
			   "SenderIPv4":"198.51.100.7","SenderIPv6":"2001:DB8::1","RecipientEmailAddress":"kai@contoso.com","RecipientObjectId":"6f8b2e1a-1ef6-4d4c-8b4d-08d9c4f0e2a1"}]`,
			[]string{"woodgrove-bank-login.com", "bounce.woodgrove-bank-login.com", "198.51.100.7", "2001:db8::1"}, nil},
		{"what is not an indicator in indicator columns",
			columns("RemoteIP", "Url", "UrlDomain", "Ownership", "FileOriginUrl", "RemoteHost"),
			`[{"RemoteIP":"evil.example","Url":"eve@evil.example","UrlDomain":"5f1e8acedc065031aad553b710838eb366cfee9a","Ownership":"tenant","FileOriginUrl":"Sign-in from evil.example failed","RemoteHost":"CONTOSO"},
			  {"RemoteIP":"1.2.3","Url":"mailto:eve@evil.example","UrlDomain":"6f8b2e1a-1ef6-4d4c-8b4d-08d9c4f0e2a1","Ownership":"1.1.1.1","FileOriginUrl":"javascript://x","RemoteHost":12},
			  {"RemoteIP":null,"Url":{"a":"b"},"UrlDomain":true,"Ownership":null,"FileOriginUrl":"8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec","RemoteHost":"  "}]`,
			[]string{"1.1.1.1"}, nil},
		{"dynamic cells and first-seen order across rows",
			columns("Urls", "RemoteIP"),
			`[{"Urls":["https://a.fake-malicious.site/1","https://b.fake-malicious.site/2",3,null],"RemoteIP":"104.21.50.7"},
			  {"Urls":["https://b.fake-malicious.site/3","https://a.fake-malicious.site/4"],"RemoteIP":"104.21.50.7"}]`,
			[]string{"a.fake-malicious.site", "b.fake-malicious.site", "104.21.50.7"}, nil},
		{"no schema: columns in name order",
			nil,
			`[{"RemoteUrl":"https://z.fake-malicious.site/","RemoteIP":"104.21.50.7","AUrl":"https://a.fake-malicious.site/"}]`,
			[]string{"a.fake-malicious.site", "104.21.50.7", "z.fake-malicious.site"}, nil},
		{"the schema's column order wins over row order",
			columns("RemoteUrl", "RemoteIP"),
			`[{"RemoteIP":"104.21.50.7","RemoteUrl":"https://z.fake-malicious.site/"}]`,
			[]string{"z.fake-malicious.site", "104.21.50.7"}, nil},
		{"no rows", columns("RemoteIP"), `[]`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HostsFromHunt(tt.schema, rowsOf(t, tt.rows), p)
			if !reflect.DeepEqual(got.Hosts, tt.hosts) {
				t.Errorf("hosts\n got %q\nwant %q", got.Hosts, tt.hosts)
			}
			if !reflect.DeepEqual(got.Skipped, tt.skipped) {
				t.Errorf("skipped\n got %+v\nwant %+v", got.Skipped, tt.skipped)
			}
		})
	}
}

func TestKindOfColumn(t *testing.T) {
	for name, want := range map[string]columnKind{
		"RemoteIP": ipColumn, "LocalIP": ipColumn, "SenderIPv4": ipColumn, "SenderIPv6": ipColumn,
		"IPAddress": ipColumn, "ipaddress": ipColumn, "FileOriginIP": ipColumn,
		"RemoteUrl": urlColumn, "Url": urlColumn, "FileOriginReferrerUrl": urlColumn, "RequestUri": urlColumn,
		"SenderFromDomain": hostColumn, "UrlDomain": hostColumn, "DomainName": hostColumn, "RemoteHost": hostColumn,
		"HostName": hostColumn, "Fqdn": hostColumn,
		"DeviceName": otherColumn, "FileName": otherColumn, "Timestamp": otherColumn, "SenderFromAddress": otherColumn,
		"RecipientObjectId": otherColumn, "Description": otherColumn, "Urls": urlColumn, "ExternalIPs": ipColumn,
	} {
		if got := kindOfColumn(name); got != want {
			t.Errorf("kindOfColumn(%q) = %d, want %d", name, got, want)
		}
	}
}
