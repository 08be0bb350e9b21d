package secops

import (
	"fmt"
	"math"
	"time"
)

// Secure score: ScoreDays daily secureScores (newest first, as Graph lists them) and the
// control profiles their controlScores name. Every controlName in a score is a profile id.

const ScoreDays = 90

type controlProfile struct {
	id, title, category, service, actionType, tier, cost, userImpact string
	maxScore                                                         float64
	threats                                                          []string
}

// controlProfiles are the synthetic profiles; the documented DLPEnabled and NonOwnerAccess
// come from the examples and are scored too. AdminMFA is the documented score's other control.
var controlProfiles = []controlProfile{
	{"AdminMFA", "Require MFA for administrative roles", "Identity", "AzureAD", "Config", "Core", "Low", "Low", 10, []string{"Account Breach", "Elevation of Privilege"}},
	{"MFARegistrationV2", "Ensure all users can complete multifactor authentication", "Identity", "AzureAD", "Config", "Core", "Moderate", "Moderate", 9, []string{"Account Breach", "Password Cracking"}},
	{"BlockLegacyAuthentication", "Enable Conditional Access policies to block legacy authentication", "Identity", "AzureAD", "Config", "Core", "Moderate", "Moderate", 8, []string{"Password Spray", "Account Breach"}},
	{"SigninRiskPolicy", "Turn on sign-in risk policy", "Identity", "AzureAD", "Config", "Advanced", "Moderate", "Moderate", 7, []string{"Account Breach"}},
	{"UserRiskPolicy", "Turn on user risk policy", "Identity", "AzureAD", "Config", "Advanced", "Moderate", "Moderate", 7, []string{"Account Breach"}},
	{"SelfServicePasswordReset", "Enable self-service password reset", "Identity", "AzureAD", "Config", "Core", "Low", "Low", 1, []string{"Account Breach"}},
	{"PWAgePolicyNew", "Set the password expiration policy to never expire", "Identity", "AzureAD", "Config", "Core", "Low", "Low", 8, []string{"Password Cracking"}},
	{"OneAdmin", "Designate more than one global admin", "Identity", "AzureAD", "Config", "Core", "Low", "Low", 1, []string{"Account Breach"}},
	{"RoleOverlap", "Use least privileged administrative roles", "Identity", "AzureAD", "Review", "Core", "Low", "Low", 1, []string{"Elevation of Privilege"}},
	{"IntegratedApps", "Do not allow users to grant consent to unreliable applications", "Apps", "AzureAD", "Config", "Core", "Moderate", "Moderate", 4, []string{"Data Exfiltration", "Phishing"}},
	{"mdo_safelinksforemail", "Create Safe Links policies for email messages", "Apps", "MDO", "Config", "Core", "Low", "Low", 9, []string{"Phishing", "Malware"}},
	{"mdo_safeattachments", "Turn on Safe Attachments in block mode", "Apps", "MDO", "Config", "Core", "Low", "Low", 8, []string{"Malware"}},
	{"mdo_antiphishingpolicies", "Set the phishing email level threshold at 2 or higher", "Apps", "MDO", "Config", "Advanced", "Low", "Low", 9, []string{"Phishing"}},
	{"mdo_zapspam", "Ensure that Zero-hour auto purge is enabled", "Apps", "MDO", "Config", "Core", "Low", "Low", 5, []string{"Phishing", "Malware"}},
	{"mdo_spam_notifications_only_for_admins", "Set action to take on high confidence spam detection", "Apps", "MDO", "Config", "Core", "Low", "Low", 3, []string{"Phishing"}},
	{"MailboxAuditingEnabled", "Ensure mailbox auditing for all users is enabled", "Apps", "EXO", "Config", "Core", "Low", "Low", 5, []string{"Malicious Insider"}},
	{"CustomerLockBoxEnabled", "Turn on customer lockbox feature", "Data", "EXO", "Config", "Advanced", "Low", "Low", 1, []string{"Data Exfiltration"}},
	{"SharingLinkExpiration", "Set expiration for anonymous sharing links", "Data", "SPO", "Config", "Core", "Low", "Moderate", 3, []string{"Data Exfiltration", "Data Spillage"}},
	{"InformationProtectionLabels", "Apply sensitivity labels to documents", "Data", "IP", "Config", "Advanced", "Moderate", "Moderate", 5, []string{"Data Spillage"}},
	{"scid_2000", "Turn on Microsoft Defender Antivirus real-time protection", "Device", "MDATP", "Config", "Core", "Low", "Low", 9, []string{"Malware"}},
	{"scid_2010", "Turn on tamper protection", "Device", "MDATP", "Config", "Core", "Low", "Low", 8, []string{"Malware", "Elevation of Privilege"}},
	{"scid_2090", "Block executable files unless they meet a prevalence criterion", "Device", "MDATP", "Config", "Defense in Depth", "Moderate", "Moderate", 7, []string{"Malware"}},
	{"scid_2096", "Block credential stealing from LSASS", "Device", "MDATP", "Config", "Core", "Low", "Low", 9, []string{"Credential Theft"}},
	{"scid_91", "Turn on network protection in block mode", "Device", "MDATP", "Config", "Core", "Low", "Low", 8, []string{"Phishing", "Malware"}},
	{"scid_4001", "Update Microsoft Edge to the latest version", "Device", "MDATP", "Config", "Core", "Low", "Low", 6, []string{"Exploit"}},
	{"AzureATPSensorsHealth", "Resolve unsecure domain configurations", "Identity", "MDI", "Review", "Core", "Low", "Low", 4, []string{"Lateral Movement"}},
	{"MCASShadowITReview", "Discover trends in shadow IT application usage", "Apps", "MCAS", "Review", "Core", "Low", "Low", 5, []string{"Data Exfiltration"}},
	{"IntuneDeviceCompliance", "Require compliant devices for access", "Device", "Intune", "Config", "Advanced", "High", "High", 10, []string{"Account Breach", "Malware"}},
}

// documented profiles that the synthetic scores also use (ids and categories from the examples).
var documentedControls = []controlProfile{
	{id: "DLPEnabled", title: "Apply Data Loss Prevention policies", category: "Data", maxScore: 20},
	{id: "NonOwnerAccess", title: "Review mailbox access by non-owners bi-weekly", category: "Data", maxScore: 5},
}

func scoredControls() []controlProfile {
	return append(append([]controlProfile{}, controlProfiles...), documentedControls...)
}

// ControlNames lists every control the synthetic scores name.
func ControlNames() []string {
	var out []string
	for _, c := range scoredControls() {
		out = append(out, c.id)
	}
	return out
}

func profileEntity(c controlProfile, rank int, now time.Time, maxScoreAsString bool) obj {
	var max any = c.maxScore
	if maxScoreAsString {
		max = fmt.Sprintf("%g", c.maxScore)
	}
	state := obj{"assignedTo": nil, "comment": nil, "state": "Default", "updatedBy": nil, "updatedDateTime": graphTime(now.AddDate(0, -6, 0).Truncate(time.Hour))}
	switch rank % 11 {
	case 3:
		state = obj{"assignedTo": "secAdmin@contoso.onmicrosoft.com", "comment": "covered by our proxy vendor", "state": "ThirdParty", "updatedBy": "secAdmin@contoso.onmicrosoft.com", "updatedDateTime": graphTime(now.AddDate(0, 0, -12).Truncate(time.Hour))}
	case 7:
		state = obj{"assignedTo": "", "comment": "accepted risk for kiosk devices", "state": "Ignored", "updatedBy": "kaic@contoso.onmicrosoft.com", "updatedDateTime": graphTime(now.AddDate(0, 0, -30).Truncate(time.Hour))}
	}
	return obj{
		"id":                    c.id,
		"azureTenantId":         TenantID,
		"actionType":            c.actionType,
		"actionUrl":             "https://security.microsoft.com/securescore?viewid=actions&actionId=" + c.id,
		"controlCategory":       c.category,
		"title":                 c.title,
		"deprecated":            false,
		"implementationCost":    c.cost,
		"lastModifiedDateTime":  nil,
		"maxScore":              max,
		"rank":                  rank,
		"remediation":           "Open the action in the Microsoft Defender portal and follow its implementation steps.",
		"remediationImpact":     "This change will have a " + lower(c.userImpact) + " impact on your users.",
		"service":               c.service,
		"threats":               c.threats,
		"tier":                  c.tier,
		"userImpact":            c.userImpact,
		"complianceInformation": []obj{{"certificationName": "ISO 27001:2013", "certificationControls": []obj{{"name": fmt.Sprintf("A.9.%d.%d", 1+rank%4, 1+rank%3), "url": ""}}}},
		"controlStateUpdates":   []obj{state},
		"vendorInformation":     vendorInformation(),
	}
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

func vendorInformation() obj {
	return obj{"provider": "SecureScore", "providerVersion": nil, "subProvider": nil, "vendor": "Microsoft"}
}

// scoreEntities returns ScoreDays scores, one a day, newest first. Each control's score climbs
// from about a third of its max to its final share; day 0 is today.
func scoreEntities(now time.Time) []obj {
	controls := scoredControls()
	var max float64
	for _, c := range controls {
		max += c.maxScore
	}
	out := make([]obj, 0, ScoreDays)
	// Each day's score is taken on the hour before now, so today's is never in the future.
	latest := now.UTC().Truncate(time.Hour)
	for d := 0; d < ScoreDays; d++ {
		date := latest.AddDate(0, 0, -d)
		progress := float64(ScoreDays-d) / ScoreDays // 1 today, ~0 90 days ago
		var current float64
		scores := []obj{}
		for i, c := range controls {
			final := float64((i*37)%10+1) / 10 // each control's share of its max today
			s := math.Round(c.maxScore*(0.33+(final-0.33)*progress)*100) / 100
			if final < 0.33 {
				s = math.Round(c.maxScore*final*100) / 100
			}
			current += s
			scores = append(scores, obj{"controlCategory": c.category, "controlName": c.id, "description": c.title, "score": s})
		}
		current = math.Round(current*100) / 100
		out = append(out, obj{
			"id":                TenantID + "_" + date.Format("2006-01-02"),
			"azureTenantId":     TenantID,
			"activeUserCount":   310 + (d*7)%23,
			"createdDateTime":   date.Format(time.RFC3339),
			"currentScore":      current,
			"enabledServices":   []string{"HasExchange", "HasSharePoint", "HasOD4B", "HasInTune", "HasMDATP"},
			"licensedUserCount": 350,
			"maxScore":          max,
			"averageComparativeScores": []obj{
				{"basis": "AllTenants", "averageScore": 37.53},
				{"basis": "TotalSeats", "averageScore": 46.21},
				{"basis": "IndustryTypes", "averageScore": 51.08},
			},
			"controlScores":     scores,
			"vendorInformation": vendorInformation(),
		})
	}
	return out
}
