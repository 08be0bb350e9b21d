package secops

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Procedural incidents 41004…41040: scenarios × statuses × classifications, with evidence
// hosts drawn from the host pools by a per-incident profile.

// hostProfiles: which host classes an incident's evidence draws from.
var hostProfiles = [][]HostClass{
	{Malicious, Suspicious, Neutral, NotFound, Private, OwnDomain, Unknown}, // mixed
	{Suspicious, Unknown, NotFound, Neutral, Private},                       // doubtful
	{Neutral, Private, OwnDomain},                                           // clean
	{Malicious, Private, OwnDomain},                                         // malicious and internal
}

type hostPicker struct {
	r       *rand.Rand
	classes []HostClass
}

// pick returns a host of the profile's classes; wantIP selects IP addresses or host names.
func (p hostPicker) pick(wantIP bool) string {
	for _, i := range p.r.Perm(len(p.classes)) {
		var fit []string
		for _, h := range hostPool(p.classes[i]) {
			if isIP(h) == wantIP {
				fit = append(fit, h)
			}
		}
		if len(fit) > 0 {
			return pick(p.r, fit)
		}
	}
	if wantIP {
		return pick(p.r, hostPool(Private))
	}
	return pick(p.r, hostPool(OwnDomain))
}

// scenario: an alert template and the evidence bundle it carries.
type scenario struct {
	spec   alertSpec
	bundle func(m evidenceMaker, p hostPicker, k int) []obj
}

func endpointBundle(m evidenceMaker, p hostPicker, k int) []obj {
	dev := tenantDevices[k%len(tenantDevices)]
	return []obj{
		m.device(k, true), m.file(k, k%2 == 0), m.process(k, "powershell.exe -enc "+hexString(m.r, 24)),
		m.network(dev.ip, 49152+m.r.IntN(16000), p.pick(true), pick(m.r, []int{443, 80, 8080, 4444}), pick(m.r, []string{"tcp", "udp"})),
		m.dns(p.pick(false), []string{p.pick(true)}, "10.0.0.53", dev.ip),
		m.url(urlFor(m.r, p.pick(false))),
	}
}

func emailBundle(m evidenceMaker, p hostPicker, k int) []obj {
	urls := []string{}
	for i := 0; i < 1+k%3; i++ {
		urls = append(urls, urlFor(m.r, p.pick(false)))
	}
	user := tenantUsers[k%len(tenantUsers)]
	out := []obj{
		m.message(pick(m.r, []string{"billing", "noreply", "it-support", "hr"})+"@"+p.pick(false), p.pick(true),
			user.account+"@contoso.onmicrosoft.com", pick(m.r, []string{"Your password expires today", "Shared document: Q3 budget", "Invoice overdue", "Parcel could not be delivered"}),
			urls, pick(m.r, []string{"delivered", "blocked", "junked", "replaced"})),
		m.mailbox(k),
	}
	for _, u := range urls {
		out = append(out, m.url(u))
	}
	return out
}

func identityBundle(m evidenceMaker, p hostPicker, k int) []obj {
	return []obj{m.user(k, true), m.ip(p.pick(true)), m.device(k+1, false)}
}

func cloudAppBundle(m evidenceMaker, p hostPicker, k int) []obj {
	return []obj{m.user(k, false), m.ip(p.pick(true)), m.url(urlFor(m.r, p.pick(false)))}
}

func dlpBundle(m evidenceMaker, p hostPicker, k int) []obj {
	return []obj{m.user(k, false), m.file(5, false), m.mailbox(k + 2)}
}

var scenarios = []scenario{
	{alertSpec{"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "Suspicious PowerShell command line", "Execution", "medium", []string{"T1059.001"}}, endpointBundle},
	{alertSpec{"microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "Email messages containing phish URLs removed after delivery", "InitialAccess", "high", []string{"T1566.002"}}, emailBundle},
	{alertSpec{"microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "Suspected brute-force attack (LDAP)", "CredentialAccess", "medium", []string{"T1110"}}, identityBundle},
	{alertSpec{"azureAdIdentityProtection", "azureAdIdentityProtection", "Anonymous IP address sign-in", "InitialAccess", "low", []string{"T1078"}}, identityBundle},
	{alertSpec{"microsoftDefenderForCloudApps", "cloudAppSecurity", "Activity from infrequent country", "InitialAccess", "medium", []string{"T1078.004"}}, cloudAppBundle},
	{alertSpec{"microsoftDefenderForEndpoint", "antivirus", "'BatLoader' malware was detected", "Malware", "high", []string{"T1204.002"}}, endpointBundle},
	{alertSpec{"microsoft365Defender", "microsoft365Defender", "Suspicious URL clicked", "InitialAccess", "high", []string{"T1566.002", "T1204.001"}}, emailBundle},
	{alertSpec{"microsoftAppGovernance", "appGovernanceDetection", "App with suspicious OAuth consent made mail-reading calls", "Collection", "medium", []string{"T1114.002"}}, cloudAppBundle},
	{alertSpec{"dataLossPrevention", "microsoftDataLossPrevention", "DLP policy match: confidential data shared externally", "Exfiltration", "low", nil}, dlpBundle},
	{alertSpec{"microsoftDefenderForEndpoint", "smartScreen", "Connection to a site with a malicious reputation", "CommandAndControl", "informational", []string{"T1071.001"}}, endpointBundle},
	{alertSpec{"microsoftDefenderForOffice365", "automatedInvestigation", "User reported a phishing email", "InitialAccess", "informational", nil}, emailBundle},
}

// outcome: an incident status with a classification and determination that fit it. Only
// determinations both spellings of the alert page agree on are used.
type outcome struct{ status, classification, determination string }

var outcomes = []outcome{
	{"active", "unknown", "unknown"},
	{"inProgress", "unknown", "unknown"},
	{"resolved", "truePositive", "malware"},
	{"active", "truePositive", "phishing"},
	{"resolved", "falsePositive", "other"},
	{"inProgress", "truePositive", "multiStagedAttack"},
	{"resolved", "informationalExpectedActivity", "securityTesting"},
	{"awaitingAction", "truePositive", "apt"},
	{"resolved", "truePositive", "maliciousUserActivity"},
	{"redirected", "unknown", "unknown"},
	{"resolved", "informationalExpectedActivity", "securityPersonnel"},
	{"resolved", "truePositive", "unwantedSoftware"},
	{"active", "unknown", "unknown"},
	{"resolved", "informationalExpectedActivity", "lineOfBusinessApplication"},
}

var incidentTags = []string{"Phishing", "Ransomware", "VIP", "Finance", "Red team", "Cloud", "Insider"}

var analysts = []string{"kaic@contoso.onmicrosoft.com", "davids@contoso.onmicrosoft.com", "secAdmin@contoso.onmicrosoft.com", "adelev@contoso.onmicrosoft.com"}

func generatedIncident(now time.Time, k int) (obj, []obj) {
	id := incidentID(k)
	r := newRand("incident-" + id)
	created := ago(r, now, time.Duration(k)*17*time.Hour+time.Duration(r.IntN(600))*time.Minute)
	first := scenarios[k%len(scenarios)]
	n := 1 + (k*7+3)%6 // 1…6 alerts
	inc := newIncident(id, fmt.Sprintf("%s on %d entities", first.spec.title, n+1), "Incident correlated from "+fmt.Sprint(n)+" alerts by Microsoft Defender XDR.", created)
	out := outcomes[k%len(outcomes)]
	inc["status"], inc["classification"], inc["determination"] = out.status, out.classification, out.determination
	if out.status == "redirected" {
		inc["redirectIncidentId"] = incidentID(k - 1)
	}
	if k%3 != 0 {
		inc["assignedTo"] = analysts[k%len(analysts)]
	}
	tags := []string{}
	for i := 0; i < k%3; i++ {
		tags = append(tags, incidentTags[(k+i*3)%len(incidentTags)])
	}
	inc["customTags"] = tags
	if k%9 == 0 {
		inc["systemTags"] = []string{"Defender Experts"}
	}
	comments := []obj{}
	for i := 0; i < k%3; i++ {
		comments = append(comments, comment(pick(r, []string{"Triaged.", "Escalated to tier 2.", "User confirmed the activity.", "Blocked the sender domain."}), analysts[(k+i)%len(analysts)], created.Add(time.Duration(i+1)*time.Hour)))
	}
	inc["comments"] = comments
	picker := hostPicker{r: r, classes: hostProfiles[k%len(hostProfiles)]}
	m := evidenceMaker{r: r, created: created}
	alerts := []obj{}
	for j := 0; j < n; j++ {
		s := scenarios[(k+j*4)%len(scenarios)]
		if j == 0 {
			s = first
		}
		spec := s.spec
		if j > 0 && spec.severity == "high" && k%2 == 1 {
			spec.severity = "medium"
		}
		at := created.Add(time.Duration(j) * 13 * time.Minute)
		m.created = at
		alerts = append(alerts, newAlert(r, inc, j, spec, at, s.bundle(m, picker, k+j)))
	}
	if k%4 == 1 {
		alerts[0]["comments"] = []obj{comment("Checked the evidence; see the incident for the verdict.", analysts[k%len(analysts)], created.Add(50*time.Minute))}
	}
	if k == 17 {
		// One alert from the evolvable serviceSource, only sent with
		// Prefer: include-unknown-enum-members.
		alerts[0]["serviceSource"] = "microsoftDefenderForCloud"
	}
	return inc, alerts
}

// largeIncident carries LargeIncidentIndicators distinct *.bulk.test hosts (every one resolvable
// by the TI emulator, scored from its name) plus a few private and own-domain ones, spread
// over six alerts: the bulk path of enrichment.
func largeIncident(now time.Time) (obj, []obj) {
	r := newRand("incident-" + LargeIncidentID)
	created := ago(r, now, 2*24*time.Hour)
	inc := newIncident(LargeIncidentID, "Botnet beaconing to hundreds of hosts across multiple endpoints",
		"Six devices resolved and connected to hundreds of rotating domains (fast-flux).", created)
	inc["severity"], inc["assignedTo"] = "high", "secAdmin@contoso.onmicrosoft.com"
	inc["customTags"] = []string{"Demo", "Bulk"}
	alerts := []obj{}
	per := LargeIncidentIndicators / 6
	for j := 0; j < 6; j++ {
		m := evidenceMaker{r: r, created: created.Add(time.Duration(j) * 20 * time.Minute)}
		dev := tenantDevices[j%len(tenantDevices)]
		ev := []obj{m.device(j, true), m.ip(dev.ip), m.url("https://intranet.contoso.com/status")}
		for i := j * per; i < (j+1)*per; i++ {
			host := fmt.Sprintf("ff%03d.bulk.test", i+1)
			switch i % 3 {
			case 0:
				ev = append(ev, m.dns(host, []string{"10.0.0.53"}, "10.0.0.53", dev.ip))
			case 1:
				ev = append(ev, m.url(fmt.Sprintf("http://%s/gate.php?id=%d", host, i)))
			default:
				ev = append(ev, m.url("https://"+host+"/"))
			}
		}
		alerts = append(alerts, newAlert(r, inc, j, alertSpec{"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "Fast-flux domain resolution and beaconing", "CommandAndControl", "high", []string{"T1568.001", "T1071.001"}}, m.created, ev))
	}
	return inc, alerts
}
