package secops

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Evidence builders, one per evidence type, with the properties each type's resource page
// (api-reference/v1.0/resources/security-*evidence.md) defines. The base properties come from
// security-alertevidence.md.

const evidenceNS = "#microsoft.graph.security."

type evidenceMaker struct {
	r       *rand.Rand
	created time.Time
}

func (m evidenceMaker) base(kind, verdict string, roles ...string) obj {
	if roles == nil {
		roles = []string{}
	}
	remediation := "none"
	if verdict == "malicious" {
		remediation = pick(m.r, []string{"none", "remediated", "blocked", "prevented"})
	}
	return obj{
		"@odata.type":              evidenceNS + kind,
		"createdDateTime":          graphTime(m.created),
		"verdict":                  verdict,
		"remediationStatus":        remediation,
		"remediationStatusDetails": nil,
		"roles":                    roles,
		"detailedRoles":            []string{},
		"tags":                     []string{},
	}
}

// verdictFor is the automated-investigation verdict the evidence carries for a host class.
func verdictFor(c HostClass) string {
	switch c {
	case Malicious:
		return "malicious"
	case Suspicious:
		return "suspicious"
	case Neutral, OwnDomain, Private:
		return "noThreatsFound"
	}
	return "unknown"
}

// countryOf is the country of the public addresses the evidence uses ("" for others).
func countryOf(ip string) string {
	switch ip {
	case "203.0.113.10":
		return "RU"
	case "203.0.113.11":
		return "KP"
	case "198.51.100.23", "20.103.85.33":
		return "NL"
	case "198.51.100.7", "104.21.50.7", "8.8.8.8", "20.112.52.29", "40.76.4.15", "13.107.246.10", "2603:1030:20e:3::23c":
		return "US"
	case "45.77.152.9", "185.220.101.33":
		return "DE"
	}
	return ""
}

// ipObject is an ipEvidence value, used on its own and nested in dns and network evidence.
func (m evidenceMaker) ipObject(ip string, roles ...string) obj {
	e := m.base("ipEvidence", verdictFor(ClassOf(ip)), roles...)
	e["ipAddress"] = ip
	e["countryLetterCode"] = countryOf(ip)
	if countryOf(ip) == "" {
		e["countryLetterCode"] = nil
	}
	return e
}

func (m evidenceMaker) ip(ip string) obj {
	roles := []string{"contextual"}
	if c := ClassOf(ip); c == Malicious || c == Suspicious {
		roles = []string{"attacker", "source"}
	}
	return m.ipObject(ip, roles...)
}

func (m evidenceMaker) url(u string) obj {
	roles := []string{"contextual"}
	if c := ClassOf(hostOfURL(u)); c == Malicious {
		roles = []string{"commandAndControl"}
	}
	e := m.base("urlEvidence", verdictFor(ClassOf(hostOfURL(u))), roles...)
	e["url"] = u
	return e
}

func (m evidenceMaker) dns(domain string, resolved []string, server, client string) obj {
	e := m.base("dnsEvidence", verdictFor(ClassOf(domain)), "destination")
	e["domainName"] = domain
	ips := []obj{}
	for _, ip := range resolved {
		ips = append(ips, m.ipObject(ip))
	}
	e["ipAddresses"] = ips
	e["dnsServerIp"] = m.ipObject(server)
	e["hostIpAddress"] = m.ipObject(client, "source")
	return e
}

func (m evidenceMaker) network(src string, srcPort int, dst string, dstPort int, proto string) obj {
	e := m.base("networkConnectionEvidence", verdictFor(ClassOf(dst)), "destination")
	e["sourceAddress"] = m.ipObject(src, "source")
	e["sourcePort"] = srcPort
	e["destinationAddress"] = m.ipObject(dst, "destination")
	e["destinationPort"] = dstPort
	e["protocol"] = proto
	return e
}

// message is an analyzedMessageEvidence: a mail from sender (an address at a TI host) relayed
// by senderIP, carrying urls.
func (m evidenceMaker) message(sender, senderIP, recipient, subject string, urls []string, delivery string) obj {
	host := sender[strings.IndexByte(sender, '@')+1:]
	e := m.base("analyzedMessageEvidence", verdictFor(ClassOf(host)), "contextual")
	location := map[string]string{"delivered": "inbox", "blocked": "quarantine", "junked": "junkFolder", "deliveredAsSpam": "junkFolder", "replaced": "inbox"}[delivery]
	threats, methods := []string{}, []string{}
	if c := ClassOf(host); c == Malicious || c == Suspicious {
		threats = []string{"Phish"}
		methods = []string{"URL detonation reputation", "Domain reputation"}
	}
	mid := hexString(m.r, 8) + "-" + hexString(m.r, 4) + "-" + hexString(m.r, 4) + "-" + hexString(m.r, 4) + "-" + hexString(m.r, 12)
	sender1 := obj{"displayName": displayFromAddress(sender), "domainName": host, "emailAddress": sender}
	e["networkMessageId"] = mid
	e["internetMessageId"] = fmt.Sprintf("<%s@%s>", hexString(m.r, 16), host)
	e["subject"] = subject
	e["language"] = "en"
	e["senderIp"] = senderIP
	e["recipientEmailAddress"] = recipient
	e["antiSpamDirection"] = "inbound"
	e["deliveryAction"] = delivery
	e["deliveryLocation"] = location
	e["urn"] = "urn:MailEntity:" + hexString(m.r, 32)
	e["threats"] = threats
	e["threatDetectionMethods"] = methods
	e["urls"] = urls
	e["urlCount"] = len(urls)
	e["attachmentsCount"] = m.r.IntN(2)
	e["receivedDateTime"] = graphTime(m.created.Add(-7 * time.Minute))
	e["p1Sender"] = sender1
	e["p2Sender"] = sender1
	return e
}

func displayFromAddress(addr string) string {
	local := addr[:strings.IndexByte(addr, '@')]
	return strings.ToUpper(local[:1]) + local[1:]
}

// Users of the demo tenant (contoso.onmicrosoft.com, as in the docs' UPNs).
var tenantUsers = []struct{ account, display string }{
	{"kaic", "Kai Carter"}, {"davids", "David So"}, {"meganb", "Megan Bowen"},
	{"alexw", "Alex Wilber"}, {"adelev", "Adele Vance"}, {"lynner", "Lynne Robbins"},
	{"pattif", "Patti Fernandez"}, {"joni", "Joni Sherman"}, {"diegos", "Diego Siciliani"},
	{"isaiahl", "Isaiah Langer"},
}

func (m evidenceMaker) userAccount(i int) obj {
	u := tenantUsers[i%len(tenantUsers)]
	return obj{
		"accountName":       u.account,
		"domainName":        "CONTOSO",
		"userSid":           fmt.Sprintf("S-1-5-21-1782978752-1337839121-2411612390-%d", 1100+i%len(tenantUsers)),
		"azureAdUserId":     fmt.Sprintf("%08x-4b2e-4c2a-9a4e-%012x", 0x5f1e0000+i%len(tenantUsers), 0x1000+i%len(tenantUsers)),
		"userPrincipalName": u.account + "@contoso.onmicrosoft.com",
		"displayName":       u.display,
	}
}

func (m evidenceMaker) user(i int, compromised bool) obj {
	roles := []string{"contextual"}
	verdict := "noThreatsFound"
	if compromised {
		roles, verdict = []string{"compromised"}, "suspicious"
	}
	e := m.base("userEvidence", verdict, roles...)
	e["userAccount"] = m.userAccount(i)
	return e
}

func (m evidenceMaker) mailbox(i int) obj {
	u := tenantUsers[i%len(tenantUsers)]
	e := m.base("mailboxEvidence", "unknown", "destination")
	e["displayName"] = u.display
	e["primaryAddress"] = u.account + "@contoso.onmicrosoft.com"
	e["upn"] = u.account + "@contoso.onmicrosoft.com"
	e["userAccount"] = m.userAccount(i)
	return e
}

// Devices of the demo tenant; deviceDnsName is under the tenant's own domain.
var tenantDevices = []struct{ name, os, ip string }{
	{"ws-fin-014", "Windows11", "10.1.4.22"}, {"ws-hr-007", "Windows10", "192.168.1.50"},
	{"srv-file-02", "WindowsServer2022", "10.20.0.15"}, {"ws-dev-031", "Windows11", "192.168.10.7"},
	{"mac-exec-03", "macOS", "172.16.8.9"}, {"lnx-build-01", "Linux", "10.20.0.15"},
}

func deviceID(i int) string { return fmt.Sprintf("%040x", 0x7e3a9c00+i%len(tenantDevices)) }

func (m evidenceMaker) device(i int, compromised bool) obj {
	d := tenantDevices[i%len(tenantDevices)]
	roles, verdict, risk := []string{"contextual"}, "noThreatsFound", "low"
	if compromised {
		roles, verdict, risk = []string{"compromised"}, "suspicious", "high"
	}
	e := m.base("deviceEvidence", verdict, roles...)
	e["firstSeenDateTime"] = graphTime(m.created.Add(-400 * 24 * time.Hour))
	e["mdeDeviceId"] = deviceID(i)
	e["azureAdDeviceId"] = fmt.Sprintf("%08x-1c2d-4e5f-8a9b-%012x", 0x3c4d0000+i%len(tenantDevices), 0x2000+i%len(tenantDevices))
	e["deviceDnsName"] = d.name + ".corp.contoso.com"
	e["osPlatform"] = d.os
	e["osBuild"] = 22631
	e["version"] = "23H2"
	e["healthStatus"] = "active"
	e["riskScore"] = risk
	e["rbacGroupId"] = 75
	e["rbacGroupName"] = "UnassignedGroup"
	e["onboardingStatus"] = "onboarded"
	e["defenderAvStatus"] = "updated"
	e["ipInterfaces"] = []string{d.ip}
	e["loggedOnUsers"] = []obj{{"accountName": tenantUsers[i%len(tenantUsers)].account, "domainName": "CONTOSO"}}
	e["vmMetadata"] = nil
	return e
}

var payloads = []struct{ name, path, publisher string }{
	{"invoice_0412.js", `C:\Users\kaic\Downloads`, ""},
	{"BatLoader.msi", `C:\Users\meganb\AppData\Local\Temp`, ""},
	{"update.ps1", `C:\ProgramData\Updates`, ""},
	{"rclone.exe", `C:\Windows\Temp`, "Nick Craig-Wood"},
	{"AnyDesk.exe", `C:\Users\alexw\Downloads`, "AnyDesk Software GmbH"},
	{"Q3-salaries.xlsx", `\\srv-file-02\hr\confidential`, ""},
}

func (m evidenceMaker) fileDetails(i int) obj {
	p := payloads[i%len(payloads)]
	var publisher any
	if p.publisher != "" {
		publisher = p.publisher
	}
	return obj{
		"sha1":          hexString(m.r, 40),
		"sha256":        hexString(m.r, 64),
		"fileName":      p.name,
		"filePath":      p.path,
		"fileSize":      20000 + m.r.IntN(5000000),
		"filePublisher": publisher,
		"signer":        nil,
		"issuer":        nil,
	}
}

func (m evidenceMaker) file(i int, malicious bool) obj {
	verdict := "suspicious"
	if malicious {
		verdict = "malicious"
	}
	e := m.base("fileEvidence", verdict, "contextual")
	e["detectionStatus"] = pick(m.r, []string{"detected", "blocked", "prevented"})
	e["mdeDeviceId"] = deviceID(i)
	e["fileDetails"] = m.fileDetails(i)
	return e
}

func (m evidenceMaker) process(i int, commandLine string) obj {
	e := m.base("processEvidence", "suspicious", "contextual")
	e["processId"] = 1000 + m.r.IntN(9000)
	e["parentProcessId"] = 500 + m.r.IntN(500)
	e["processCommandLine"] = commandLine
	e["processCreationDateTime"] = graphTime(m.created.Add(-3 * time.Minute))
	e["parentProcessCreationDateTime"] = graphTime(m.created.Add(-2 * time.Hour))
	e["detectionStatus"] = "detected"
	e["mdeDeviceId"] = deviceID(i)
	e["imageFile"] = obj{"sha1": hexString(m.r, 40), "sha256": hexString(m.r, 64), "fileName": "powershell.exe",
		"filePath": `C:\Windows\System32\WindowsPowerShell\v1.0`, "fileSize": 450560,
		"filePublisher": "Microsoft Corporation", "signer": nil, "issuer": nil}
	e["parentProcessImageFile"] = obj{"sha1": nil, "sha256": nil, "fileName": "explorer.exe",
		"filePath": `C:\Windows`, "fileSize": 5197952, "filePublisher": "Microsoft Corporation",
		"signer": nil, "issuer": nil}
	e["userAccount"] = m.userAccount(i)
	return e
}

// hostOfURL returns the host part of an absolute URL (no port, no brackets).
func hostOfURL(u string) string {
	s := u
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if strings.HasPrefix(s, "[") {
		if i := strings.IndexByte(s, ']'); i > 0 {
			return s[1:i]
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.Count(s, ":") == 1 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// urlFor builds a plausible URL on host (IPv6 hosts bracketed).
func urlFor(r *rand.Rand, host string) string {
	paths := []string{"/login", "/invoice/view?id=" + hexString(r, 6), "/dl/setup.msi", "/", "/share/doc.html", "/api/v2/sync", "/wp-content/a.php"}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	scheme := "https://"
	if r.IntN(4) == 0 {
		scheme = "http://"
	}
	return scheme + host + pick(r, paths)
}
