package secops

// Enum members as the v1.0 resource tables list them (api-reference/v1.0/resources/
// security-alert.md, security-incident.md, security-alertevidence.md and the evidence pages).
// The synthetic data draws only from these lists; the tests check every value against them.
var (
	// AlertStatuses: alertStatus values (security-alert.md).
	AlertStatuses = []string{"unknown", "new", "inProgress", "resolved", "unknownFutureValue"}
	// IncidentStatuses: incidentStatus values (security-incident.md); awaitingAction is
	// evolvable (sent only with Prefer: include-unknown-enum-members).
	IncidentStatuses = []string{"active", "resolved", "inProgress", "redirected", "unknownFutureValue", "awaitingAction"}
	// Severities: alertSeverity values, shared by alerts and incidents.
	Severities = []string{"unknown", "informational", "low", "medium", "high", "unknownFutureValue"}
	// Classifications: alertClassification values.
	Classifications = []string{"unknown", "falsePositive", "truePositive", "informationalExpectedActivity", "unknownFutureValue"}
	// Determinations: the alertDetermination member table. The property row of the same page
	// names four of them differently (compromisedUser, clean, insufficientData,
	// confirmedUserActivity); DeterminationAliases maps those to the table's names. The
	// synthetic data uses only members both lists agree on.
	Determinations = []string{"unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other", "multiStagedAttack", "compromisedAccount", "phishing", "maliciousUserActivity", "notMalicious", "notEnoughDataToValidate", "confirmedActivity", "lineOfBusinessApplication", "unknownFutureValue"}
	// ServiceSources: serviceSource values (microsoftDefenderForCloud is evolvable).
	ServiceSources = []string{"unknown", "microsoftDefenderForEndpoint", "microsoftDefenderForIdentity", "microsoftDefenderForCloudApps", "microsoftDefenderForOffice365", "microsoft365Defender", "azureAdIdentityProtection", "microsoftAppGovernance", "dataLossPrevention", "unknownFutureValue", "microsoftDefenderForCloud"}
	// DetectionSources: the non-evolvable detectionSource values the synthetic data uses.
	DetectionSources = []string{"unknown", "microsoftDefenderForEndpoint", "antivirus", "smartScreen", "customTi", "microsoftDefenderForOffice365", "automatedInvestigation", "microsoftThreatExperts", "customDetection", "microsoftDefenderForIdentity", "cloudAppSecurity", "microsoft365Defender", "azureAdIdentityProtection", "manual", "microsoftDataLossPrevention", "appGovernancePolicy", "appGovernanceDetection", "unknownFutureValue"}
	// EvidenceVerdicts: evidenceVerdict values (security-alertevidence.md).
	EvidenceVerdicts = []string{"unknown", "suspicious", "malicious", "noThreatsFound", "unknownFutureValue"}
	// RemediationStatuses: evidenceRemediationStatus values (non-evolvable part first).
	RemediationStatuses = []string{"none", "remediated", "prevented", "blocked", "notFound", "unknownFutureValue", "active", "pendingApproval", "declined", "unremediated", "running", "partiallyRemediated"}
	// EvidenceRoles: evidenceRole values.
	EvidenceRoles = []string{"unknown", "contextual", "scanned", "source", "destination", "created", "added", "compromised", "edited", "attacked", "attacker", "commandAndControl", "loaded", "suspicious", "policyViolator", "unknownFutureValue"}
)

// DeterminationAliases: the property row's spelling → the member table's spelling (a new
// map each call: a package-level map would be built at every start of mdti).
func DeterminationAliases() map[string]string {
	return map[string]string{"compromisedUser": "compromisedAccount", "clean": "notMalicious", "insufficientData": "notEnoughDataToValidate", "confirmedUserActivity": "confirmedActivity"}
}

// Secure-score control states as the PATCH page lists them (securescorecontrolprofile-update.md).
var ControlStates = []string{"Default", "Ignored", "ThirdParty", "Reviewed"}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
