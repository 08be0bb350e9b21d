package secops

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Advanced-hunting tables with synthetic rows. Column names and types follow Microsoft's
// advanced-hunting schema reference; rows are newest first, Timestamps relative to now over
// the last 45 days (so the default 30-day timespan cuts the oldest).

// Column types as huntingQueryResults' schema prints them.
const (
	tString   = "String"
	tDateTime = "DateTime"
	tInt64    = "Int64"
	tInt32    = "Int32"
	tBoolean  = "Boolean"
	tDynamic  = "Dynamic"
)

type column struct{ name, typ string }

// table holds rows of values: string, int64, bool, time.Time or any JSON value (Dynamic).
type table struct {
	cols []column
	rows [][]any
}

func (t *table) index(name string) int {
	for i, c := range t.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// huntingTable returns the builder of a table the engine knows, by name.
func huntingTable(name string) (func(now time.Time) *table, bool) {
	switch name {
	case "DeviceNetworkEvents":
		return deviceNetworkEvents, true
	case "DeviceProcessEvents":
		return deviceProcessEvents, true
	case "DeviceInfo":
		return deviceInfo, true
	case "EmailEvents":
		return emailEvents, true
	case "EmailUrlInfo":
		return emailURLInfo, true
	}
	return nil, false
}

// TableNames lists the tables the hunting engine answers.
func TableNames() []string {
	return []string{"DeviceInfo", "DeviceNetworkEvents", "DeviceProcessEvents", "EmailEvents", "EmailUrlInfo"}
}

const huntingSpan = 45 * 24 * time.Hour

// rowTimes returns n timestamps, newest first, spread over huntingSpan before now.
func rowTimes(r *rand.Rand, now time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	step := huntingSpan / time.Duration(n)
	for i := range out {
		out[i] = now.Add(-time.Duration(i)*step - time.Duration(r.Int64N(int64(step)))).Truncate(time.Microsecond)
	}
	return out
}

// indicatorHosts is the mix the hunting rows draw from: every class of the host pools, so
// `hunt … --indicators | reputation` meets malicious, clean, unknown and private hosts.
func indicatorHosts(wantIP bool) []string {
	var out []string
	for _, c := range []HostClass{Malicious, Suspicious, Neutral, Unknown, NotFound, Private, OwnDomain} {
		for _, h := range hostPool(c) {
			if isIP(h) == wantIP {
				out = append(out, h)
			}
		}
	}
	return out
}

func deviceNetworkEvents(now time.Time) *table {
	r := newRand("hunt-DeviceNetworkEvents")
	t := &table{cols: []column{
		{"Timestamp", tDateTime}, {"DeviceId", tString}, {"DeviceName", tString}, {"ActionType", tString},
		{"RemoteIP", tString}, {"RemotePort", tInt32}, {"RemoteUrl", tString}, {"LocalIP", tString},
		{"LocalPort", tInt32}, {"Protocol", tString}, {"InitiatingProcessFileName", tString},
		{"InitiatingProcessAccountName", tString}, {"ReportId", tInt64},
	}}
	ips, names := indicatorHosts(true), indicatorHosts(false)
	for i, ts := range rowTimes(r, now, 240) {
		d := tenantDevices[i%len(tenantDevices)]
		action := pick(r, []string{"ConnectionSuccess", "ConnectionSuccess", "ConnectionSuccess", "ConnectionFailed", "ConnectionAttempt"})
		url := ""
		if i%3 != 2 {
			url = pick(r, names)
		}
		t.rows = append(t.rows, []any{ts, deviceID(i), d.name + ".corp.contoso.com", action, pick(r, ips),
			int64(pick(r, []int{443, 443, 80, 8080, 53, 445, 4444})), url, d.ip, int64(49152 + r.IntN(16000)),
			pick(r, []string{"Tcp", "Tcp", "Udp"}), pick(r, []string{"msedge.exe", "chrome.exe", "powershell.exe", "svchost.exe", "rundll32.exe"}),
			tenantUsers[i%len(tenantUsers)].account, int64(10000 + i)})
	}
	return t
}

func deviceProcessEvents(now time.Time) *table {
	r := newRand("hunt-DeviceProcessEvents")
	t := &table{cols: []column{
		{"Timestamp", tDateTime}, {"DeviceId", tString}, {"DeviceName", tString}, {"FileName", tString},
		{"FolderPath", tString}, {"ProcessCommandLine", tString}, {"InitiatingProcessFileName", tString},
		{"AccountName", tString}, {"ReportId", tInt64},
	}}
	pairs := [][2]string{{"cmd.exe", "powershell.exe"}, {"conhost.exe", "powershell.exe"}, {"explorer.exe", "cmd.exe"},
		{"notepad.exe", "explorer.exe"}, {"rundll32.exe", "winword.exe"}, {"powershell.exe", "cmd.exe"}}
	for i, ts := range rowTimes(r, now, 120) {
		p := pairs[r.IntN(len(pairs))]
		d := tenantDevices[i%len(tenantDevices)]
		t.rows = append(t.rows, []any{ts, deviceID(i), d.name + ".corp.contoso.com", p[0], `C:\Windows\System32\` + p[0],
			p[0] + " " + pick(r, []string{"/c whoami", "-nop -w hidden", "", "/s"}), p[1], tenantUsers[i%len(tenantUsers)].account, int64(20000 + i)})
	}
	return t
}

func deviceInfo(now time.Time) *table {
	r := newRand("hunt-DeviceInfo")
	t := &table{cols: []column{
		{"Timestamp", tDateTime}, {"DeviceId", tString}, {"DeviceName", tString}, {"OSPlatform", tString},
		{"OSVersion", tString}, {"PublicIP", tString}, {"IsAzureADJoined", tBoolean}, {"OnboardingStatus", tString},
		{"MachineGroup", tString}, {"LoggedOnUsers", tDynamic}, {"ReportId", tInt64},
	}}
	// Every device reports daily: newest first, one row per device per day for 30 days.
	for day := 0; day < 30; day++ {
		for i, d := range tenantDevices {
			ts := now.Add(-time.Duration(day)*24*time.Hour - time.Duration(i)*time.Minute - time.Duration(r.IntN(60))*time.Second).Truncate(time.Microsecond)
			u := tenantUsers[i%len(tenantUsers)]
			t.rows = append(t.rows, []any{ts, deviceID(i), d.name + ".corp.contoso.com", d.os, "10.0.22631",
				pick(r, []string{"20.103.85.33", "40.76.4.15"}), i%5 != 4, "Onboarded", pick(r, []string{"Workstations", "Servers"}),
				[]any{map[string]any{"UserName": u.account, "DomainName": "CONTOSO", "Sid": fmt.Sprintf("S-1-5-21-1782978752-1337839121-2411612390-%d", 1100+i)}},
				int64(30000 + day*len(tenantDevices) + i)})
		}
	}
	return t
}

type mail struct {
	id, sender, domain, ip, recipient, subject, action, location, threats string
	urls                                                                  []string
	at                                                                    time.Time
}

// mails is shared by EmailEvents and EmailUrlInfo so their NetworkMessageIds join.
func mails(now time.Time) []mail {
	r := newRand("hunt-Email")
	senderDomains := indicatorHosts(false)
	ips := indicatorHosts(true)
	var out []mail
	for i, ts := range rowTimes(r, now, 150) {
		domain := pick(r, senderDomains)
		action, location, threats := "Delivered", "Inbox/folder", ""
		switch ClassOf(domain) {
		case Malicious:
			action, location, threats = pick(r, []string{"Blocked", "Delivered"}), "Quarantine", "Phish"
		case Suspicious:
			action, location, threats = "Junked", "Junk folder", "Spam"
		}
		var urls []string
		for j := 0; j < r.IntN(4); j++ {
			urls = append(urls, urlFor(r, pick(r, senderDomains)))
		}
		out = append(out, mail{
			id: guid(r), sender: pick(r, []string{"billing", "noreply", "news", "it-support", "hr"}) + "@" + domain, domain: domain,
			ip: pick(r, ips), recipient: tenantUsers[i%len(tenantUsers)].account + "@contoso.onmicrosoft.com",
			subject: pick(r, []string{"Invoice overdue", "Weekly newsletter", "Password expires today", "Shared document", "Meeting notes"}),
			action:  action, location: location, threats: threats, urls: urls, at: ts,
		})
	}
	return out
}

func emailEvents(now time.Time) *table {
	t := &table{cols: []column{
		{"Timestamp", tDateTime}, {"NetworkMessageId", tString}, {"InternetMessageId", tString},
		{"SenderFromAddress", tString}, {"SenderFromDomain", tString}, {"SenderIPv4", tString},
		{"RecipientEmailAddress", tString}, {"Subject", tString}, {"EmailDirection", tString},
		{"DeliveryAction", tString}, {"DeliveryLocation", tString}, {"ThreatTypes", tString},
		{"UrlCount", tInt32}, {"AttachmentCount", tInt32}, {"ReportId", tInt64},
	}}
	for i, m := range mails(now) {
		ip := m.ip
		if strings.Contains(ip, ":") {
			ip = "" // SenderIPv4 holds IPv4 only
		}
		t.rows = append(t.rows, []any{m.at, m.id, fmt.Sprintf("<%s@%s>", m.id[:13], m.domain), m.sender, m.domain, ip,
			m.recipient, m.subject, "Inbound", m.action, m.location, m.threats, int64(len(m.urls)), int64(i % 2), int64(40000 + i)})
	}
	return t
}

func emailURLInfo(now time.Time) *table {
	t := &table{cols: []column{
		{"Timestamp", tDateTime}, {"NetworkMessageId", tString}, {"Url", tString}, {"UrlDomain", tString},
		{"UrlLocation", tString}, {"ReportId", tInt64},
	}}
	n := 0
	for _, m := range mails(now) {
		for _, u := range m.urls {
			t.rows = append(t.rows, []any{m.at, m.id, u, hostOfURL(u), "Body", int64(50000 + n)})
			n++
		}
	}
	return t
}
