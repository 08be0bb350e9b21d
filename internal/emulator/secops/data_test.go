package secops

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEveryAlertBelongsToAnIncident(t *testing.T) {
	for _, v := range []string{"v1.0", "beta"} {
		for _, literal := range []bool{false, true} {
			incidents := decodeAll(t, Entities(SetIncidents, v, literal, testNow))
			ids := map[string]bool{}
			for _, inc := range incidents {
				ids[str(inc["id"])] = true
			}
			for _, a := range decodeAll(t, Entities(SetAlerts, v, literal, testNow)) {
				if !ids[str(a["incidentId"])] {
					t.Errorf("%s literal=%v: alert %s names incident %v, which does not exist", v, literal, a["id"], a["incidentId"])
				}
			}
		}
	}
}

func TestSyntheticIncidentsHaveOneToSixAlerts(t *testing.T) {
	count := map[string]int{}
	for _, a := range decodeAll(t, Entities(SetAlerts, "v1.0", false, testNow)) {
		count[str(a["incidentId"])]++
	}
	for k := 0; k < DemoIncidentCount; k++ {
		id := incidentID(k)
		if n := count[id]; n < 1 || n > 6 {
			t.Errorf("incident %s has %d alerts, want 1-6", id, n)
		}
	}
	if count[LargeIncidentID] != 6 {
		t.Errorf("large incident has %d alerts, want 6", count[LargeIncidentID])
	}
	if got := len(AlertsOf(DemoMixedIncidentID, "v1.0", false, testNow)); got != 3 {
		t.Errorf("AlertsOf(%s) = %d alerts, want 3", DemoMixedIncidentID, got)
	}
}

// agreedDeterminations are the members both spellings of the alertDetermination list share.
var agreedDeterminations = []string{"unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other", "multiStagedAttack", "phishing", "maliciousUserActivity", "lineOfBusinessApplication"}

func TestEnumValuesAreTheResourceTables(t *testing.T) {
	check := func(what string, v any, list []string) {
		t.Helper()
		if !contains(list, str(v)) {
			t.Errorf("%s = %v, not in %v", what, v, list)
		}
	}
	seen := map[string]map[string]bool{}
	note := func(k, v string) {
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][v] = true
	}
	for _, inc := range decodeAll(t, Entities(SetIncidents, "v1.0", false, testNow)) {
		check("incident status", inc["status"], IncidentStatuses)
		check("incident severity", inc["severity"], Severities)
		check("incident classification", inc["classification"], Classifications)
		check("incident determination", inc["determination"], Determinations)
		if _, ok := inc["customTags"].([]any); !ok {
			t.Errorf("incident %v: customTags is %T, want an array", inc["id"], inc["customTags"])
		}
		note("incident status", str(inc["status"]))
	}
	for _, a := range decodeAll(t, synthAlerts(t)) {
		check("alert status", a["status"], AlertStatuses)
		check("alert severity", a["severity"], Severities)
		check("alert classification", a["classification"], Classifications)
		check("alert determination", a["determination"], agreedDeterminations)
		check("alert serviceSource", a["serviceSource"], ServiceSources)
		check("alert detectionSource", a["detectionSource"], DetectionSources)
		note("serviceSource", str(a["serviceSource"]))
		note("severity", str(a["severity"]))
		note("classification", str(a["classification"]))
		for _, e := range evidenceOf(a) {
			check("evidence verdict", e["verdict"], EvidenceVerdicts)
			check("evidence remediationStatus", e["remediationStatus"], RemediationStatuses)
			for _, r := range e["roles"].([]any) {
				check("evidence role", r, EvidenceRoles)
			}
		}
	}
	for k, want := range map[string]int{"incident status": 5, "serviceSource": 9, "severity": 4, "classification": 4} {
		if len(seen[k]) < want {
			t.Errorf("synthetic data covers %d %s values (%v), want at least %d", len(seen[k]), k, seen[k], want)
		}
	}
}

// synthAlerts returns the synthetic alerts only (not the documented ones).
func synthAlerts(t *testing.T) []json.RawMessage {
	all := Entities(SetAlerts, "v1.0", false, testNow)
	return all[3:]
}

func TestEvidenceCoversEveryCommonKind(t *testing.T) {
	kinds := map[string]bool{}
	for _, a := range decodeAll(t, synthAlerts(t)) {
		for _, e := range evidenceOf(a) {
			kinds[strings.TrimPrefix(str(e["@odata.type"]), "#microsoft.graph.security.")] = true
		}
	}
	for _, k := range []string{"ipEvidence", "urlEvidence", "dnsEvidence", "networkConnectionEvidence", "analyzedMessageEvidence", "fileEvidence", "processEvidence", "userEvidence", "deviceEvidence", "mailboxEvidence"} {
		if !kinds[k] {
			t.Errorf("no synthetic alert carries %s", k)
		}
	}
}

type tiSample struct {
	hosts       map[string]bool
	reputations map[string]string
}

func loadTISample(t *testing.T) tiSample {
	t.Helper()
	var hosts []struct{ ID string }
	var reps []struct {
		Host           string `json:"_host"`
		Classification string
	}
	for file, v := range map[string]any{"../data/hosts.json": &hosts, "../data/reputations.json": &reps} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	s := tiSample{hosts: map[string]bool{}, reputations: map[string]string{}}
	for _, h := range hosts {
		s.hosts[h.ID] = true
	}
	for _, r := range reps {
		s.reputations[r.Host] = r.Classification
	}
	return s
}

// classified checks that host behaves as its class says against the TI sample data.
func classified(t *testing.T, ti tiSample, host string) HostClass {
	t.Helper()
	c := ClassOf(host)
	switch c {
	case Malicious, Suspicious, Neutral, Unknown:
		if ti.reputations[host] != string(c) {
			t.Errorf("%s: class %s, reputations.json says %q", host, c, ti.reputations[host])
		}
	case NotFound:
		if ti.hosts[host] || strings.HasSuffix(host, ".test") {
			t.Errorf("%s: class notFound, but the TI data resolves it", host)
		}
	case Private:
		a, err := netip.ParseAddr(host)
		cgnat := netip.MustParsePrefix("100.64.0.0/10")
		if err != nil || !(a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || cgnat.Contains(a)) {
			t.Errorf("%s: class private, but it is not a private address", host)
		}
	case OwnDomain:
		if !slices.ContainsFunc(OwnDomains, func(d string) bool { return host == d || strings.HasSuffix(host, "."+d) }) {
			t.Errorf("%s: class ownDomain, but not under %v", host, OwnDomains)
		}
	case Bulk:
	default:
		t.Errorf("evidence host %q has no class", host)
	}
	return c
}

func TestEveryEvidenceHostIsClassifiedAsIntended(t *testing.T) {
	ti := loadTISample(t)
	classesOf := map[string]map[HostClass]bool{}
	for _, a := range decodeAll(t, synthAlerts(t)) {
		inc := str(a["incidentId"])
		if classesOf[inc] == nil {
			classesOf[inc] = map[HostClass]bool{}
		}
		for _, e := range evidenceOf(a) {
			for _, h := range evidenceHosts(e) {
				classesOf[inc][classified(t, ti, h)] = true
			}
		}
	}
	all := []HostClass{Malicious, Suspicious, Neutral, Unknown, NotFound, Private, OwnDomain}
	for _, c := range all {
		if !classesOf[DemoMixedIncidentID][c] {
			t.Errorf("demo incident %s has no %s indicator", DemoMixedIncidentID, c)
		}
	}
	for c := range classesOf[DemoCleanIncidentID] {
		if c == Malicious || c == Suspicious || c == NotFound || c == Unknown {
			t.Errorf("clean demo incident %s has a %s indicator", DemoCleanIncidentID, c)
		}
	}
	for c := range classesOf[DemoInternalIncidentID] {
		if c != Private && c != OwnDomain {
			t.Errorf("internal demo incident %s has a %s indicator", DemoInternalIncidentID, c)
		}
	}
}

func TestLargeIncidentHasThreeHundredDistinctIndicators(t *testing.T) {
	distinct := map[string]bool{}
	for _, a := range decodeAll(t, AlertsOf(LargeIncidentID, "v1.0", false, testNow)) {
		for _, e := range evidenceOf(a) {
			for _, h := range evidenceHosts(e) {
				distinct[h] = true
			}
		}
	}
	if len(distinct) < LargeIncidentIndicators {
		t.Errorf("large incident has %d distinct indicators, want at least %d", len(distinct), LargeIncidentIndicators)
	}
}

func TestSecureScoresNewestFirstAndConsistentWithProfiles(t *testing.T) {
	profiles := decodeAll(t, Entities(SetControlProfiles, "v1.0", false, testNow))
	if n := len(profiles); n < 28 || n > 32 {
		t.Errorf("%d control profiles, want about 30", n)
	}
	maxOf := map[string]float64{}
	var total float64
	for _, p := range profiles {
		maxOf[str(p["id"])] = p["maxScore"].(float64)
		total += p["maxScore"].(float64)
	}
	scores := decodeAll(t, Entities(SetSecureScores, "v1.0", false, testNow))
	synthetic := scores[:ScoreDays]
	if len(scores) != ScoreDays+1 || scores[ScoreDays]["id"] != "00000001-0001-0001-0001-000000000001c_2019-03-19" {
		t.Fatalf("want %d synthetic scores then the documented one, got %d", ScoreDays, len(scores))
	}
	if !strings.HasSuffix(str(synthetic[0]["id"]), "_2026-11-30") || synthetic[0]["createdDateTime"] != "2026-11-30T07:00:00Z" {
		t.Errorf("newest score is %v of %v, want today's, taken on the hour before now", synthetic[0]["id"], synthetic[0]["createdDateTime"])
	}
	if !strings.HasSuffix(str(synthetic[ScoreDays-1]["id"]), "_2026-09-02") {
		t.Errorf("oldest score is %v, want 89 days before today", synthetic[ScoreDays-1]["id"])
	}
	for i, s := range synthetic {
		if i > 0 && str(s["createdDateTime"]) >= str(synthetic[i-1]["createdDateTime"]) {
			t.Errorf("score %d (%v) is not older than the one before it", i, s["createdDateTime"])
		}
		if s["maxScore"].(float64) != total {
			t.Errorf("score %v: maxScore %v, want the profiles' total %v", s["id"], s["maxScore"], total)
		}
		var sum float64
		for _, c := range s["controlScores"].([]any) {
			cs := c.(map[string]any)
			max, ok := maxOf[str(cs["controlName"])]
			if !ok {
				t.Fatalf("score %v names control %v, which has no profile", s["id"], cs["controlName"])
			}
			if cs["score"].(float64) > max {
				t.Errorf("control %v scores %v over its max %v", cs["controlName"], cs["score"], max)
			}
			sum += cs["score"].(float64)
		}
		if d := sum - s["currentScore"].(float64); d > 0.01 || d < -0.01 {
			t.Errorf("score %v: currentScore %v, controls sum to %v", s["id"], s["currentScore"], sum)
		}
	}
	if synthetic[0]["currentScore"].(float64) <= synthetic[ScoreDays-1]["currentScore"].(float64) {
		t.Errorf("the score does not improve over the 90 days")
	}
}

func TestLiteralAndDefaultDifferAsDocumented(t *testing.T) {
	get := func(set, version string, literal bool, id string) map[string]any {
		return byID(t, decodeAll(t, Entities(set, version, literal, testNow)), id)
	}
	lit, def := get(SetIncidents, "v1.0", true, "2972395"), get(SetIncidents, "v1.0", false, "2972395")
	for k, want := range map[string][2]string{"classification": {"TruePositive", "truePositive"}, "determination": {"MultiStagedAttack", "multiStagedAttack"}, "status": {"Active", "active"}, "severity": {"Medium", "medium"}} {
		if lit[k] != want[0] || def[k] != want[1] {
			t.Errorf("incident %s: literal %v, default %v; want %q and %q", k, lit[k], def[k], want[0], want[1])
		}
	}
	litComment := lit["comments"].([]any)[0].(map[string]any)
	defComment := def["comments"].([]any)[0].(map[string]any)
	if litComment["createdBy"] == nil || defComment["createdByDisplayName"] != "DavidS@contoso.onmicrosoft.com" || defComment["createdDateTime"] == nil {
		t.Errorf("comment keys: literal %v, default %v", litComment, defComment)
	}

	la, da := get(SetAlerts, "v1.0", true, "da637551227677560813_-961444813"), get(SetAlerts, "v1.0", false, "da637551227677560813_-961444813")
	if !strings.Contains(str(la["recommendedActions"]), "\uFFFD") || strings.Contains(str(da["recommendedActions"]), "\uFFFD") {
		t.Errorf("recommendedActions: U+FFFD should be in the literal alert only")
	}

	betaLit := decodeAll(t, Entities(SetControlProfiles, "beta", true, testNow))
	if betaLit[0]["id"] != "id.value" {
		t.Errorf("beta literal profiles start with %v, want the placeholder", betaLit[0]["id"])
	}
	if _, ok := byID(t, betaLit, "AdminMFA")["maxScore"].(string); !ok {
		t.Errorf("beta literal maxScore should be a String")
	}
	if _, ok := get(SetControlProfiles, "beta", false, "AdminMFA")["maxScore"].(float64); !ok {
		t.Errorf("beta default maxScore should be a number")
	}

	ls, ds := get(SetSecureScores, "v1.0", true, "00000001-0001-0001-0001-000000000001c_2019-03-19"), get(SetSecureScores, "v1.0", false, "00000001-0001-0001-0001-000000000001c_2019-03-19")
	if ls["averageComparativeScores"].([]any)[0].(map[string]any)["deviceScore"] != "1" || ds["averageComparativeScores"].([]any)[0].(map[string]any)["deviceScore"] != 1.0 {
		t.Errorf("deviceScore should be \"1\" literally and 1 by default")
	}

	lsa, dsa := get(SetSecurityActions, "beta", true, "1234567890"), get(SetSecurityActions, "beta", false, "1234567890")
	if lsa["createdDateTime"] != "2019-01-10 12:23:23.33333" || dsa["createdDateTime"] != "2019-01-10T12:23:23.33333Z" {
		t.Errorf("securityAction createdDateTime: literal %v, default %v", lsa["createdDateTime"], dsa["createdDateTime"])
	}
	for _, a := range decodeAll(t, Entities(SetSecurityActions, "beta", false, testNow)) {
		if _, err := time.Parse(time.RFC3339Nano, str(a["createdDateTime"])); err != nil {
			t.Errorf("securityAction %v: createdDateTime %v is not ISO 8601", a["id"], a["createdDateTime"])
		}
	}

	litTI := decodeAll(t, Entities(SetTiIndicators, "beta", true, testNow))
	if litTI[0]["action"] != "action-value" || litTI[0]["id"] != nil {
		t.Errorf("beta literal tiIndicators should start with the placeholder, got %v", litTI[0])
	}
	for _, ti := range decodeAll(t, Entities(SetTiIndicators, "beta", false, testNow)) {
		if str(ti["id"]) == "" || !contains([]string{"unknown", "allow", "block", "alert"}, str(ti["action"])) && ti["action"] != nil {
			t.Errorf("default tiIndicator %v: id or action not typed", ti)
		}
	}
	if e := get(SetTiIndicators, "beta", false, "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e"); e["expirationDateTime"] != "2019-03-01T21:43:37.5031462Z" || e["fileHashValue"] != "aa64428647b57bf51524d1756b2ed746e5a3f31b67cf7fe5b5d8a9daf07ca313" {
		t.Errorf("documented tiIndicator: %v", e)
	}
	for _, set := range []string{SetTiIndicators, SetSecurityActions} {
		if got := Entities(set, "v1.0", false, testNow); got != nil {
			t.Errorf("%s in v1.0: %d entities, want nil (beta only)", set, len(got))
		}
	}
	if Entities(SetAlerts, "v2.0", false, testNow) != nil || Entities("security/nothing", "v1.0", false, testNow) != nil {
		t.Errorf("unknown version or set should give nil")
	}
}

func TestDocumentedIDsAreEntities(t *testing.T) {
	want := map[string][]string{
		SetAlerts:          {"da637551227677560813_-961444813", "da637578995287051192_756343937", "da637865765418431569_-773071023"},
		SetIncidents:       {"2972395", "3962396", "28282"},
		SetControlProfiles: {"DLPEnabled", "NonOwnerAccess", "AdminMFA"},
		SetTiIndicators:    {"e58c072b-c9bb-a5c4-34ce-eb69af44fb1e", "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4"},
		SetSecurityActions: {"1234567890"},
	}
	for set, ids := range want {
		objs := decodeAll(t, Entities(set, "beta", false, testNow))
		for _, id := range ids {
			byID(t, objs, id)
		}
	}
}

func TestEntitiesAreDeterministic(t *testing.T) {
	sets := []string{SetAlerts, SetIncidents, SetSecureScores, SetControlProfiles, SetTiIndicators, SetSecurityActions}
	for _, set := range sets {
		for _, literal := range []bool{false, true} {
			a, b := Entities(set, "beta", literal, testNow), Entities(set, "beta", literal, testNow)
			if len(a) != len(b) {
				t.Fatalf("%s: %d then %d entities", set, len(a), len(b))
			}
			for i := range a {
				if !bytes.Equal(a[i], b[i]) {
					t.Fatalf("%s literal=%v entity %d differs between calls", set, literal, i)
				}
			}
		}
	}
	// A later now moves the dates, not the ids.
	later := decodeAll(t, Entities(SetIncidents, "v1.0", false, testNow.Add(48*time.Hour)))
	for i, inc := range decodeAll(t, Entities(SetIncidents, "v1.0", false, testNow)) {
		if inc["id"] != later[i]["id"] {
			t.Errorf("incident %d: id %v then %v", i, inc["id"], later[i]["id"])
		}
		if i >= 3 && inc["createdDateTime"] == later[i]["createdDateTime"] {
			t.Errorf("incident %v: createdDateTime did not move with now", inc["id"])
		}
	}
}

func TestRecentIncidentsFallInTheLastWeek(t *testing.T) {
	weekAgo := graphTime(testNow.Add(-7 * 24 * time.Hour))
	n := 0
	for _, inc := range decodeAll(t, Entities(SetIncidents, "v1.0", false, testNow)) {
		if str(inc["createdDateTime"]) >= weekAgo {
			n++
			if str(inc["createdDateTime"]) > graphTime(testNow) {
				t.Errorf("incident %v created in the future", inc["id"])
			}
		}
	}
	if n < 5 {
		t.Errorf("%d incidents in the last 7 days, want at least 5", n)
	}
}

func TestHostPoolsDoNotOverlap(t *testing.T) {
	seen := map[string]HostClass{}
	for _, c := range hostClasses {
		for _, h := range HostPool(c) {
			if prev, ok := seen[h]; ok {
				t.Errorf("%s is in both %s and %s", h, prev, c)
			}
			seen[h] = c
		}
	}
}

// evidenceProperties: the properties each evidence type's resource page defines (beyond the
// alertEvidence base), which the synthetic evidence must all carry.
var evidenceProperties = map[string][]string{
	"ipEvidence":                {"ipAddress", "countryLetterCode"},
	"urlEvidence":               {"url"},
	"dnsEvidence":               {"domainName", "ipAddresses", "dnsServerIp", "hostIpAddress", "detailedRoles"},
	"networkConnectionEvidence": {"sourceAddress", "sourcePort", "destinationAddress", "destinationPort", "protocol", "detailedRoles"},
	"analyzedMessageEvidence": {"antiSpamDirection", "attachmentsCount", "deliveryAction", "deliveryLocation", "internetMessageId", "language",
		"networkMessageId", "p1Sender", "p2Sender", "receivedDateTime", "recipientEmailAddress", "senderIp", "subject",
		"threatDetectionMethods", "threats", "urlCount", "urls", "urn"},
	"mailboxEvidence": {"displayName", "primaryAddress", "upn", "userAccount"},
	"userEvidence":    {"userAccount"},
	"fileEvidence":    {"detectionStatus", "fileDetails", "mdeDeviceId"},
	"processEvidence": {"processId", "parentProcessId", "processCommandLine", "processCreationDateTime", "parentProcessCreationDateTime",
		"detectionStatus", "mdeDeviceId", "imageFile", "parentProcessImageFile", "userAccount"},
	"deviceEvidence": {"firstSeenDateTime", "mdeDeviceId", "azureAdDeviceId", "deviceDnsName", "osPlatform", "osBuild", "version",
		"healthStatus", "riskScore", "rbacGroupId", "rbacGroupName", "onboardingStatus", "defenderAvStatus", "ipInterfaces", "loggedOnUsers", "vmMetadata"},
}

var evidenceBase = []string{"@odata.type", "createdDateTime", "verdict", "remediationStatus", "remediationStatusDetails", "roles", "tags"}

func TestEvidenceCarriesItsDocumentedProperties(t *testing.T) {
	userAccount := []string{"accountName", "azureAdUserId", "displayName", "domainName", "userPrincipalName", "userSid"}
	for _, a := range decodeAll(t, synthAlerts(t)) {
		for _, e := range evidenceOf(a) {
			kind := strings.TrimPrefix(str(e["@odata.type"]), "#microsoft.graph.security.")
			props, ok := evidenceProperties[kind]
			if !ok {
				t.Fatalf("unexpected evidence type %s", kind)
			}
			for _, p := range append(append([]string{}, evidenceBase...), props...) {
				if _, ok := e[p]; !ok {
					t.Errorf("alert %v: %s without %s", a["id"], kind, p)
				}
			}
			if ua, ok := e["userAccount"].(map[string]any); ok {
				for _, p := range userAccount {
					if _, ok := ua[p]; !ok {
						t.Errorf("alert %v: %s userAccount without %s", a["id"], kind, p)
					}
				}
			}
		}
	}
}

func TestConcurrentCallsWithDifferentNows(t *testing.T) {
	done := make(chan int)
	for g := 0; g < 4; g++ {
		go func(g int) {
			now := testNow.Add(time.Duration(g%2) * time.Hour)
			n := 0
			for i := 0; i < 3; i++ {
				n += len(AlertsOf(DemoMixedIncidentID, "v1.0", false, now))
			}
			done <- n
		}(g)
	}
	for g := 0; g < 4; g++ {
		if n := <-done; n != 9 {
			t.Errorf("a goroutine saw %d alerts over 3 calls, want 9", n)
		}
	}
}

func TestSomeSyntheticAlertsAndIncidentsHaveComments(t *testing.T) {
	count := func(objs []map[string]any) int {
		n := 0
		for _, o := range objs {
			for _, c := range o["comments"].([]any) {
				m := c.(map[string]any)
				if str(m["comment"]) == "" || str(m["createdByDisplayName"]) == "" || str(m["createdDateTime"]) > graphTime(testNow) {
					t.Errorf("%v: malformed comment %v", o["id"], m)
				}
				n++
			}
		}
		return n
	}
	if n := count(decodeAll(t, synthAlerts(t))); n < 5 {
		t.Errorf("%d alert comments, want some", n)
	}
	if n := count(decodeAll(t, Entities(SetIncidents, "v1.0", false, testNow))); n < 10 {
		t.Errorf("%d incident comments, want some", n)
	}
}

func TestSyntheticDatesAreInThePastAndOrdered(t *testing.T) {
	nowText := graphTime(testNow)
	for _, set := range []string{SetAlerts, SetIncidents} {
		for _, o := range decodeAll(t, Entities(set, "v1.0", false, testNow)) {
			for _, k := range []string{"createdDateTime", "lastUpdateDateTime", "resolvedDateTime", "firstActivityDateTime", "lastActivityDateTime"} {
				if v := str(o[k]); v > nowText {
					t.Errorf("%s %v: %s %s is after now", set, o["id"], k, v)
				}
			}
			if str(o["lastUpdateDateTime"]) < str(o["createdDateTime"]) {
				t.Errorf("%s %v: updated before created", set, o["id"])
			}
			if set == SetAlerts && str(o["firstActivityDateTime"]) > str(o["lastActivityDateTime"]) {
				t.Errorf("alert %v: first activity after last", o["id"])
			}
		}
	}
}
