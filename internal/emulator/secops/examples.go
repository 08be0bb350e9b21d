package secops

import (
	"encoding/json"
	"strings"
)

// Example is one documented request/response pair, reproduced from the page it names
// (repository microsoftgraph/microsoft-graph-docs-contrib). Bodies are the printed JSON, made
// valid where the page's is not (trailing commas dropped, a missing comma added); every value
// quirk is kept. Path is relative to the version root and keeps the page's `{id}` where the
// page prints one. Status is the documented response status; Response is "" when the page
// documents no body.
type Example struct {
	Page     string
	Version  string
	Method   string
	Path     string
	Prefer   string // the Prefer header the request sends, if any
	Body     string
	Status   int
	Response string
}

const (
	v1Pages   = "api-reference/v1.0/api/"
	betaPages = "api-reference/beta/api/"
)

// Examples returns every documented example of the security pages this package serves, v1.0
// and beta. The beta alerts_v2 list and get pages print the v1.0 examples (read); the beta
// alert update and comment pages are taken to print them too (not compared). The beta incident
// pages differ (see docIncidentListed, docIncidentExpanded, docIncidentGot). Beta documents
// secure scores only by its list pages (securescores-list.md, securescorecontrolprofiles-list.md),
// which print placeholders; runHuntingQuery's beta page sends a lowercase `query`.
func Examples() []Example {
	var out []Example
	for _, v := range []string{"v1.0", "beta"} {
		pages := v1Pages
		if v == "beta" {
			pages = betaPages
		}
		out = append(out,
			Example{Page: pages + "security-list-alerts_v2.md", Version: v, Method: "GET", Path: "/security/alerts_v2", Status: 200, Response: `{"value":[` + docAlertListed() + `]}`},
			Example{Page: pages + "security-alert-get.md", Version: v, Method: "GET", Path: "/security/alerts_v2/da637578995287051192_756343937", Status: 200, Response: docAlertGot()},
			Example{Page: pages + "security-alert-update.md", Version: v, Method: "PATCH", Path: "/security/alerts_v2/da637551227677560813_-961444813", Body: docAlertUpdateRequest, Status: 200, Response: docAlertUpdated()},
			Example{Page: pages + "security-alert-post-comments.md", Version: v, Method: "POST", Path: "/security/alerts_v2/da637865765418431569_-773071023/comments", Body: docCommentRequest, Status: 200, Response: docAlertCommentsResponse},
			Example{Page: pages + "security-list-incidents.md", Version: v, Method: "GET", Path: "/security/incidents", Status: 200, Response: `{"value":[` + docIncidentListed(v) + `]}`},
			Example{Page: pages + "security-list-incidents.md", Version: v, Method: "GET", Path: "/security/incidents?$expand=alerts", Status: 200, Response: `{"value":[` + docIncidentExpanded(v) + `]}`},
			Example{Page: pages + "security-incident-get.md", Version: v, Method: "GET", Path: "/security/incidents/2972395", Status: 200, Response: docIncidentGot(v, false)},
			Example{Page: pages + "security-incident-update.md", Version: v, Method: "PATCH", Path: "/security/incidents/2972395", Body: docIncidentUpdateRequest, Status: 200, Response: docIncidentGot(v, true)},
			Example{Page: pages + "security-incident-post-comments.md", Version: v, Method: "POST", Path: "/security/incidents/3962396/comments", Body: docCommentRequest, Status: 200, Response: docIncidentCommentsResponse(v)},
		)
	}
	out = append(out,
		Example{Page: v1Pages + "security-list-securescores.md", Version: "v1.0", Method: "GET", Path: "/security/secureScores", Status: 200, Response: docScoreList},
		Example{Page: v1Pages + "securescore-get.md", Version: "v1.0", Method: "GET", Path: "/security/secureScores/00000001-0001-0001-0001-000000000001c_2019-03-19", Status: 200, Response: docScoreGot},
		Example{Page: v1Pages + "securescorecontrolprofile-get.md", Version: "v1.0", Method: "GET", Path: "/security/secureScoreControlProfiles/DLPEnabled", Status: 200, Response: docProfileGot},
		Example{Page: v1Pages + "securescorecontrolprofile-update.md", Version: "v1.0", Method: "PATCH", Path: "/security/secureScoreControlProfiles/NonOwnerAccess", Body: docProfileUpdateRequest, Status: 204},
		Example{Page: v1Pages + "securescorecontrolprofile-update.md", Version: "v1.0", Method: "PATCH", Path: "/security/secureScoreControlProfiles/NonOwnerAccess", Prefer: "return=representation", Body: docProfileUpdateRequest, Status: 200, Response: docProfileUpdated},
		Example{Page: betaPages + "securescores-list.md", Version: "beta", Method: "GET", Path: "/security/secureScores", Status: 200, Response: `{"value":[` + docScorePlaceholder + `]}`},
		Example{Page: v1Pages + "security-list-securescorecontrolprofiles.md", Version: "v1.0", Method: "GET", Path: "/security/secureScoreControlProfiles", Status: 200, Response: `{"value":[` + docProfileListed + `]}`},
		Example{Page: betaPages + "securescorecontrolprofiles-list.md", Version: "beta", Method: "GET", Path: "/security/secureScoreControlProfiles", Status: 200, Response: `{"value":[` + docProfilePlaceholder + `]}`},
		Example{Page: v1Pages + "security-security-runhuntingquery.md", Version: "v1.0", Method: "POST", Path: "/security/runHuntingQuery", Body: `{"Query":` + jsonString(docHuntQuery) + `}`, Status: 200, Response: docHuntResponse1},
		Example{Page: v1Pages + "security-security-runhuntingquery.md", Version: "v1.0", Method: "POST", Path: "/security/runHuntingQuery", Body: `{"Query":"DeviceProcessEvents","Timespan":"P90D"}`, Status: 200, Response: docHuntResponse2},
		Example{Page: betaPages + "security-security-runhuntingquery.md", Version: "beta", Method: "POST", Path: "/security/runHuntingQuery", Body: `{"query":` + jsonString(docHuntQuery) + `}`, Status: 200, Response: docHuntResponseBeta},
	)
	return append(out, tiExamples()...)
}

func jsonString(s string) string { return string(marshal(s)) }

// The alert of the alerts_v2 pages. The list page and the get page print the same alert
// under two ids; recommendedActions holds U+FFFD where the source had non-UTF-8 bullets and
// apostrophes.
const docAlertTemplate = `{
  "@odata.type": "#microsoft.graph.security.alert",
  "id": "ALERTID",
  "providerAlertId": "ALERTID",
  "incidentId": "28282",
  "status": "new",
  "severity": "low",
  "classification": "unknown",
  "determination": "unknown",
  "serviceSource": "microsoftDefenderForEndpoint",
  "detectionSource": "antivirus",
  "detectorId": "e0da400f-affd-43ef-b1d5-afc2eb6f2756",
  "tenantId": "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
  "title": "Suspicious execution of hidden file",
  "description": "A hidden file has been launched. This activity could indicate a compromised host. Attackers often hide files associated with malicious tools to evade file system inspection and defenses.",
  "recommendedActions": "` + docRecommendedActions + `",
  "category": "DefenseEvasion",
  "assignedTo": null,
  "alertWebUrl": "https://security.microsoft.com/alerts/ALERTID?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
  "incidentWebUrl": "https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
  "actorDisplayName": null,
  "threatDisplayName": null,
  "threatFamilyName": null,
  "mitreTechniques": ["T1564.001"],
  "createdDateTime": "2021-04-27T12:19:27.7211305Z",
  "lastUpdateDateTime": "2021-05-02T14:19:01.3266667Z",
  "resolvedDateTime": null,
  "firstActivityDateTime": "2021-04-26T07:45:50.116Z",
  "lastActivityDateTime": "2021-05-02T07:56:58.222Z",
  "comments": [],
  "evidence": [` + docAlertEvidence + `],
  "systemTags": ["Defender Experts"]
}`

const docRecommendedActions = `Collect artifacts and determine scope\n\uFFFD\tReview the machine timeline for suspicious activities that may have occurred before and after the time of the alert, and record additional related artifacts (files, IPs/URLs) \n\uFFFD\tLook for the presence of relevant artifacts on other systems. Identify commonalities and differences between potentially compromised systems.\n\uFFFD\tSubmit relevant files for deep analysis and review resulting detailed behavioral information.\n\uFFFD\tSubmit undetected files to the MMPC malware portal\n\nInitiate containment & mitigation \n\uFFFD\tContact the user to verify intent and initiate local remediation actions as needed.\n\uFFFD\tUpdate AV signatures and run a full scan. The scan might reveal and remove previously-undetected malware components.\n\uFFFD\tEnsure that the machine has the latest security updates. In particular, ensure that you have installed the latest software, web browser, and Operating System versions.\n\uFFFD\tIf credential theft is suspected, reset all relevant users passwords.\n\uFFFD\tBlock communication with relevant URLs or IPs at the organization\uFFFDs perimeter.`

const docAlertEvidence = `
    {
      "@odata.type": "#microsoft.graph.security.deviceEvidence",
      "createdDateTime": "2021-04-27T12:19:27.7211305Z",
      "verdict": "unknown",
      "remediationStatus": "none",
      "remediationStatusDetails": null,
      "firstSeenDateTime": "2020-09-12T07:28:32.4321753Z",
      "mdeDeviceId": "73e7e2de709dff64ef64b1d0c30e67fab63279db",
      "azureAdDeviceId": null,
      "deviceDnsName": "tempDns",
      "osPlatform": "Windows10",
      "osBuild": 22424,
      "version": "Other",
      "healthStatus": "active",
      "riskScore": "medium",
      "rbacGroupId": 75,
      "rbacGroupName": "UnassignedGroup",
      "onboardingStatus": "onboarded",
      "defenderAvStatus": "unknown",
      "ipInterfaces": ["1.1.1.1"],
      "loggedOnUsers": [],
      "roles": ["compromised"],
      "detailedRoles": ["Main device"],
      "tags": ["Test Machine"],
      "vmMetadata": {
        "vmId": "ca1b0d41-5a3b-4d95-b48b-f220aed11d78",
        "cloudProvider": "azure",
        "resourceId": "/subscriptions/8700d3a3-3bb7-4fbe-a090-488a1ad04161/resourceGroups/WdatpApi-EUS-STG/providers/Microsoft.Compute/virtualMachines/NirLaviTests",
        "subscriptionId": "8700d3a3-3bb7-4fbe-a090-488a1ad04161"
      }
    },
    {
      "@odata.type": "#microsoft.graph.security.fileEvidence",
      "createdDateTime": "2021-04-27T12:19:27.7211305Z",
      "verdict": "unknown",
      "remediationStatus": "none",
      "remediationStatusDetails": null,
      "detectionStatus": "detected",
      "mdeDeviceId": "73e7e2de709dff64ef64b1d0c30e67fab63279db",
      "roles": [],
      "detailedRoles": ["Referred in command line"],
      "tags": [],
      "fileDetails": {
        "sha1": "5f1e8acedc065031aad553b710838eb366cfee9a",
        "sha256": "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec",
        "fileName": "MsSense.exe",
        "filePath": "C:\\Program Files\\temp",
        "fileSize": 6136392,
        "filePublisher": "Microsoft Corporation",
        "signer": null,
        "issuer": null
      }
    },
    {
      "@odata.type": "#microsoft.graph.security.processEvidence",
      "createdDateTime": "2021-04-27T12:19:27.7211305Z",
      "verdict": "unknown",
      "remediationStatus": "none",
      "remediationStatusDetails": null,
      "processId": 4780,
      "parentProcessId": 668,
      "processCommandLine": "\"MsSense.exe\"",
      "processCreationDateTime": "2021-08-12T12:43:19.0772577Z",
      "parentProcessCreationDateTime": "2021-08-12T07:39:09.0909239Z",
      "detectionStatus": "detected",
      "mdeDeviceId": "73e7e2de709dff64ef64b1d0c30e67fab63279db",
      "roles": [],
      "detailedRoles": [],
      "tags": [],
      "imageFile": {
        "sha1": "5f1e8acedc065031aad553b710838eb366cfee9a",
        "sha256": "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec",
        "fileName": "MsSense.exe",
        "filePath": "C:\\Program Files\\temp",
        "fileSize": 6136392,
        "filePublisher": "Microsoft Corporation",
        "signer": null,
        "issuer": null
      },
      "parentProcessImageFile": {
        "sha1": null,
        "sha256": null,
        "fileName": "services.exe",
        "filePath": "C:\\Windows\\System32",
        "fileSize": 731744,
        "filePublisher": "Microsoft Corporation",
        "signer": null,
        "issuer": null
      },
      "userAccount": {
        "accountName": "SYSTEM",
        "domainName": "NT AUTHORITY",
        "userSid": "S-1-5-18",
        "azureAdUserId": null,
        "userPrincipalName": null,
        "displayName": "System"
      }
    },
    {
      "@odata.type": "#microsoft.graph.security.registryKeyEvidence",
      "createdDateTime": "2021-04-27T12:19:27.7211305Z",
      "verdict": "unknown",
      "remediationStatus": "none",
      "remediationStatusDetails": null,
      "registryKey": "SYSTEM\\CONTROLSET001\\CONTROL\\WMI\\AUTOLOGGER\\SENSEAUDITLOGGER",
      "registryHive": "HKEY_LOCAL_MACHINE",
      "roles": [],
      "detailedRoles": [],
      "tags": []
    }
`

// The documented alerts are built when asked for, not at start-up.

// docAlertListed: security-list-alerts_v2.md (also the alert inside the $expand=alerts
// example of security-list-incidents.md).
func docAlertListed() string {
	return strings.ReplaceAll(docAlertTemplate, "ALERTID", "da637551227677560813_-961444813")
}

// docAlertGot: security-alert-get.md.
func docAlertGot() string {
	return strings.ReplaceAll(docAlertTemplate, "ALERTID", "da637578995287051192_756343937")
}

// docAlertUpdated: security-alert-update.md's response: the listed alert after the PATCH,
// printed with empty evidence and systemTags.
func docAlertUpdated() string {
	return patchJSON(docAlertListed(), `{"status":"inProgress","classification":"truePositive","determination":"malware","assignedTo":"secAdmin@contoso.onmicrosoft.com","evidence":[],"systemTags":[]}`)
}

const docAlertUpdateRequest = `{
    "assignedTo": "secAdmin@contoso.onmicrosoft.com",
    "classification": "truePositive",
    "determination": "malware",
    "status": "inProgress"
}`

const docCommentRequest = `{
    "@odata.type": "microsoft.graph.security.alertComment",
    "comment": "Demo for docs"
}`

// The v1.0 alert-comment page prints a beta @odata.context (a trap kept as printed).
const docAlertCommentsResponse = `{
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#security/alerts_v2('da637865765418431569_-773071023')/comments",
    "value": [
        {"comment": "test", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:30.1606766Z"},
        {"comment": "Demo for docs", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:40.3825324Z"}
    ]
}`

// The incident-comment pages' response names alerts_v2(...)/comments (kept as printed); the
// beta page prints the beta host.
func docIncidentCommentsResponse(version string) string {
	return strings.Replace(docIncidentCommentsTemplate, "VERSION", version, 1)
}

const docIncidentCommentsTemplate = `{
    "@odata.context": "https://graph.microsoft.com/VERSION/$metadata#security/alerts_v2('da637865765418431569_-773071023')/comments",
    "value": [
        {"comment": "test", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:45.4626766Z"},
        {"comment": "Demo for docs", "createdByDisplayName": "secAdmin@contoso.com", "createdDateTime": "2022-10-13T07:08:50.5821324Z"}
    ]
}`

// docIncident: security-list-incidents.md example 1 (PascalCase enums, as printed).
const docIncident = `{
    "@odata.type": "#microsoft.graph.security.incident",
    "id": "2972395",
    "incidentWebUrl": "https://security.microsoft.com/incidents/2972395?tid=12f988bf-16f1-11af-11ab-1d7cd011db47",
    "redirectIncidentId": null,
    "tenantId": "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
    "displayName": "Multi-stage incident involving Initial access & Command and control on multiple endpoints reported by multiple sources",
    "createdDateTime": "2021-08-13T08:43:35.5533333Z",
    "lastUpdateDateTime": "2021-09-30T09:35:45.1133333Z",
    "assignedTo": "KaiC@contoso.onmicrosoft.com",
    "classification": "TruePositive",
    "determination": "MultiStagedAttack",
    "status": "Active",
    "severity": "Medium",
    "customTags": ["Demo"],
    "comments": [
        {"comment": "Demo incident", "createdBy": "DavidS@contoso.onmicrosoft.com", "createdTime": "2021-09-30T12:07:37.2756993Z"}
    ],
    "systemTags": ["Defender Experts"],
    "description": "Microsoft observed Raspberry Robin worm activity spreading through infected USB on multiple devices in your environment. From available intel, these infections could be a potential precursor activity to ransomware deployment. ..."
}`

// docIncidentListed: security-list-incidents.md example 1. The beta page prints neither
// systemTags nor description.
func docIncidentListed(version string) string {
	if version == "beta" {
		return withoutKeys(docIncident, "systemTags", "description")
	}
	return docIncident
}

// docIncidentExpanded: security-list-incidents.md example 2 ($expand=alerts): camelCase enums
// and `tags` instead of `customTags`. Its alert's incidentId is 28282, not 2972395 (as
// printed). The beta page's incident has no systemTags or description, and its alert no
// systemTags and no userAccount displayName in the process evidence.
func docIncidentExpanded(version string) string {
	alert := docAlertListed()
	if version == "beta" {
		alert = strings.Replace(withoutKeys(alert, "systemTags"), `,"displayName":"System"`, "", 1)
	}
	return patchJSON(strings.Replace(docIncidentListed(version), `"customTags"`, `"tags"`, 1),
		`{"classification":"truePositive","determination":"multiStagedAttack","status":"active","severity":"medium","alerts":[`+alert+`]}`)
}

// docIncidentGot: security-incident-get.md and security-incident-update.md's response, which
// print "@odata.type": "#microsoft.graph.incident". The beta pages add recommendedActions and
// recommendedHuntingQueries, whose kqlText differs between the two pages.
func docIncidentGot(version string, updatePage bool) string {
	got := patchJSON(docIncident, `{"@odata.type":"#microsoft.graph.incident"}`)
	if version != "beta" {
		return got
	}
	kql := docIncidentHuntingGet
	if updatePage {
		kql = docIncidentHuntingUpdate
	}
	return patchJSON(got, `{"recommendedActions":`+jsonString(docIncidentRecommendedActions)+`,"recommendedHuntingQueries":[{"kqlText":`+jsonString(kql)+`}]}`)
}

const (
	docIncidentRecommendedActions = "Immediate Recommendations:  1.    Block untrusted and unsigned processes that run from USB (ASR Rule) 2.    Verify if the ASR rule is turned on for the devices and evaluate whether the ASR . ..."
	docIncidentHuntingGet         = "AlertInfo   | where Timestamp >= datetime(2022-10-20 06:00:52.9644915)   | where Title == 'Potential Raspberry Robin worm command'  | join AlertEvidence on AlertId   | distinct DeviceId"
	docIncidentHuntingUpdate      = "//Run this query to identify the devices having Raspberry Robin worm alerts  AlertInfo   | where Timestamp >= datetime(2022-10-20 06:00:52.9644915)   | where Title == 'Potential Raspberry Robin worm command'   | join AlertEvidence on AlertId   | distinct DeviceId"
)

// withoutKeys returns the JSON object s without the named top-level members.
func withoutKeys(s string, keys ...string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		panic("secops: bad example JSON: " + err.Error())
	}
	for _, k := range keys {
		delete(m, k)
	}
	return string(marshal(m))
}

const docIncidentUpdateRequest = `{
    "classification": "TruePositive",
    "determination": "MultiStagedAttack",
    "customTags": ["Demo"]
}`

// patchJSON returns base with the top-level members of patch set (keys sorted on output).
func patchJSON(base, patch string) string {
	var b, p map[string]json.RawMessage
	if err := json.Unmarshal([]byte(base), &b); err != nil {
		panic("secops: bad example JSON: " + err.Error())
	}
	if err := json.Unmarshal([]byte(patch), &p); err != nil {
		panic("secops: bad patch JSON: " + err.Error())
	}
	for k, v := range p {
		b[k] = v
	}
	return string(marshal(b))
}
