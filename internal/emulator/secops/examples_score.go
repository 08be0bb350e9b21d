package secops

// Secure-score examples.

// docScoreList: security-list-securescores.md.
const docScoreList = `{
    "value": [
        {
            "id": "00000001-0001-0001-0001-000000000001c_2019-03-19",
            "azureTenantId": "00000001-0001-0001-0001-000000000001c",
            "activeUserCount": 0,
            "createdDateTime": "2019-03-19T15:21:00Z",
            "currentScore": 387.0,
            "enabledServices": ["HasExchange", "HasSharePoint", "HasInTune"],
            "licensedUserCount": 100,
            "maxScore": 697.0,
            "averageComparativeScores": [
                {"basis": "AllTenants", "averageScore": 37.0},
                {"basis": "TotalSeats", "averageScore": 46.0},
                {"basis": "IndustryTypes", "averageScore": 109.0}
            ],
            "controlScores": [
                {"controlCategory": "Identity", "controlName": "AdminMFA", "description": "Requiring multi-factor authentication (MFA) for all Azure Active Directory accounts with privileged roles", "score": 35.0},
                {"controlCategory": "Data", "controlName": "DLPEnabled", "description": "Data Loss Prevention (DLP) policies can be used to comply with business standards and industry regulations.", "score": 20.0}
            ],
            "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
        }
    ]
}`

// docScoreGot: securescore-get.md. The per-category scores of averageComparativeScores are
// printed as strings, and a comma is missing after "seatSizeRangeLowerValue": "6" (added here).
const docScoreGot = `{
  "id": "00000001-0001-0001-0001-000000000001c_2019-03-19",
  "azureTenantId": "00000001-0001-0001-0001-000000000001c",
  "activeUserCount": 0,
  "createdDateTime": "2019-03-19T15:21:00Z",
  "currentScore": 387,
  "enabledServices": ["HasExchange", "HasSharePoint", "HasInTune"],
  "licensedUserCount": 100,
  "maxScore": 697,
  "averageComparativeScores": [
    {"basis": "AllTenants", "averageScore": 37, "deviceScore": "1", "dataScore": "9", "identityScore": "25", "appsScore": "0"},
    {"basis": "TotalSeats", "averageScore": 46, "deviceScore": "2", "dataScore": "14", "identityScore": "27", "appsScore": "0", "seatSizeRangeLowerValue": "6", "seatSizeRangeUpperValue": "99"},
    {"basis": "IndustryTypes", "averageScore": 109, "deviceScore": "19", "dataScore": "33", "identityScore": "45", "appsScore": "10", "categoryValue": "engineering,technology"}
  ],
  "controlScores": [
    {"controlCategory": "Identity", "controlName": "AdminMFA", "description": "Requiring multi-factor authentication (MFA) for all Azure Active Directory accounts with privileged roles", "score": 35},
    {"controlCategory": "Data", "controlName": "DLPEnabled", "description": "Data Loss Prevention (DLP) policies can be used to comply with business standards and industry regulations.", "score": 20}
  ],
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

// docScorePlaceholder: beta securescores-list.md, placeholders as printed (enabledServices a
// string, scores strings, controlScores with total and count).
const docScorePlaceholder = `{
  "activeUserCount": 1,
  "createdDateTime": "createdDateTime.value",
  "currentScore": 1,
  "enabledServices": "enabledServices.value",
  "licensedUserCount": 1,
  "maxScore": 1,
  "id": "id.value",
  "azureTenantId": "azureTenantId.value",
  "averageComparativeScores": [
    {"basis": "AllTenants", "averageScore": "averageScore.value", "deviceScore": "deviceScore.value", "dataScore": "dataScore.value", "identityScore": "identityScore.value"},
    {"basis": "TotalSeats", "averageScore": "averageScore.value", "deviceScore": "deviceScore.value", "dataScore": "dataScore.value", "identityScore": "identityScore.value", "seatSizeRangeUpperValue": "seatSizeRangeUpperValue.value", "categoryValue": "categoryValue.value", "seatSizeRangeLowerValue": "seatSizeRangeLowerValue.value"},
    {"basis": "IndustryTypes", "averageScore": "averageScore.value", "deviceScore": "deviceScore.value", "dataScore": "dataScore.value", "identityScore": "identityScore.value", "categoryValue": "categoryValue.value"}
  ],
  "controlScores": [
    {"controlCategory": "controlCategory.value", "controlName": "controlName.value", "description": "description.value", "score": "score.value", "total": "total.value", "count": "count.value"}
  ]
}`

// docProfileListed: security-list-securescorecontrolprofiles.md (a trailing comma after
// "url": "" dropped).
const docProfileListed = `{
  "id": "DLPEnabled",
  "azureTenantId": "00000001-0001-0001-0001-000000000001c",
  "actionType": "Config",
  "actionUrl": "https://compliance.microsoft.com/#/policies",
  "controlCategory": "Data",
  "title": "Apply Data Loss Prevention policies",
  "deprecated": false,
  "implementationCost": "Moderate",
  "lastModifiedDateTime": null,
  "maxScore": 20.0,
  "rank": 55,
  "remediation": "You can create and manage data loss prevention policies in the Policies page of the compliance portal.",
  "remediationImpact": "This change will have a moderate impact on your users.",
  "service": "IP",
  "threats": ["Data Exfiltration", "Data Spillage"],
  "tier": "Advanced",
  "userImpact": "Moderate",
  "complianceInformation": [
    {"certificationName": "ISO 27001:2013", "certificationControls": [{"name": "A.8.2.1", "url": ""}]}
  ],
  "controlStateUpdates": [
    {"assignedTo": null, "comment": null, "state": "Default", "updatedBy": null, "updatedDateTime": "2019-03-19T22:37:14.628799Z"}
  ],
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

// docProfileGot: securescorecontrolprofile-get.md, as printed: keys with trailing spaces
// ("deprecated ", "implementationCost ", "rank ", "remediationImpact "), certificationControl
// in the singular, a null updatedDateTime, and a request URL on the beta host.
const docProfileGot = `{
  "id": "DLPEnabled",
  "azureTenantId": "00000001-0001-0001-0001-000000000001c",
  "actionType": "Config",
  "actionUrl": "https://compliance.microsoft.com/#/policies",
  "controlCategory": "Data",
  "title": "Apply Data Loss Prevention policies",
  "deprecated ": false,
  "implementationCost ": "Moderate",
  "lastModifiedDateTime": null,
  "maxScore": 20,
  "rank ": 55,
  "remediation": "You can create and manage data loss prevention policies in the Policies page of the compliance portal.",
  "remediationImpact ": "This change will have a moderate impact on your users.",
  "service": "IP",
  "threats": ["Data Exfiltration", "Data Spillage"],
  "tier": "Advanced",
  "userImpact": "Moderate",
  "complianceInformation": [
    {"certificationName": "ISO 27001:2013", "certificationControl": [{"name": "A.8.2.1", "url": ""}]}
  ],
  "controlStateUpdates": [
    {"assignedTo": null, "comment": null, "state": "Default", "updatedBy": null, "updatedDateTime": null}
  ],
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

// securescorecontrolprofile-update.md, examples 1 (204) and 2 (Prefer: return=representation).
const docProfileUpdateRequest = `{
  "assignedTo": "",
  "comment": "control is reviewed",
  "state": "Reviewed",
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

const docProfileUpdated = `{
  "id": "NonOwnerAccess",
  "azureTenantId": "00000001-0001-0001-0001-000000000001c",
  "actionType": "Review",
  "actionUrl": "https://outlook.office365.com/NonOwnerAccessReport.aspx",
  "controlCategory": "Data",
  "title": "Review mailbox access by non-owners bi-weekly",
  "deprecated": false,
  "implementationCost": "Low",
  "lastModifiedDateTime": null,
  "maxScore": 5.0,
  "rank": 25,
  "remediation": "Once you have opened the search tool, specify a date range and select access by <b>All non-owners</b> or <b>External users</b>",
  "remediationImpact": "This change will have no effect on your users",
  "service": "EXO",
  "threats": ["Account Breach", "Data Exfiltration", "Malicious Insider"],
  "tier": "Core",
  "userImpact": "Low",
  "complianceInformation": [
    {"certificationName": "FedRAMP_Moderate", "certificationControls": [{"name": "AC-6(9)", "url": ""}]}
  ],
  "controlStateUpdates": [
    {"assignedTo": "", "comment": "control is reviewed", "state": "Reviewed", "updatedBy": "user1@contoso.com", "updatedDateTime": "2019-03-19T22:37:14.628799Z"}
  ],
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

// docProfilePlaceholder: beta securescorecontrolprofiles-list.md, placeholders as printed.
const docProfilePlaceholder = `{
  "actionType": "actionType.value",
  "actionUrl": "actionUrl.value",
  "controlCategory": "controlCategory.value",
  "title": "title.value",
  "deprecated": true,
  "implementationCost": "implementationCost.value",
  "lastModifiedDateTime": "lastModifiedDateTime.value",
  "maxScore": 1020.13,
  "rank": 100,
  "remediation": "remediation.value",
  "remediationImpact": "remediationImpact.value",
  "service": "service.value",
  "threats": ["threats.value"],
  "tier": "tier.value",
  "userImpact": "userImpact.value",
  "id": "id.value",
  "azureTenantId": "azureTenantId.value",
  "controlStateUpdates": [
    {"assignedTo": "assignedTo.value", "comment": "comment.value", "state": "state.value", "updatedBy": "updatedBy.value", "updatedDateTime": "updatedDateTime.value"}
  ],
  "vendorInformation": {"provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"}
}`

// runHuntingQuery examples (v1.0 security-security-runhuntingquery.md examples 1 and 2; the
// beta page's only example, whose response uses Name/Type).
const docHuntQuery = `DeviceProcessEvents | where InitiatingProcessFileName =~ "powershell.exe" | project Timestamp, FileName, InitiatingProcessFileName | order by Timestamp desc | limit 2`

const docHuntResponse1 = `{
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults",
    "schema": [
        {"name": "Timestamp", "type": "DateTime"},
        {"name": "FileName", "type": "String"},
        {"name": "InitiatingProcessFileName", "type": "String"}
    ],
    "results": [
        {"Timestamp": "2024-03-26T09:39:50.7688641Z", "FileName": "cmd.exe", "InitiatingProcessFileName": "powershell.exe"},
        {"Timestamp": "2024-03-26T09:39:49.4353788Z", "FileName": "cmd.exe", "InitiatingProcessFileName": "powershell.exe"}
    ]
}`

// Example 2's prose says "60 days back" while the request sends P90D (kept as printed).
const docHuntResponse2 = `{
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults",
    "schema": [
        {"name": "Timestamp", "type": "DateTime"},
        {"name": "FileName", "type": "String"},
        {"name": "InitiatingProcessFileName", "type": "String"}
    ],
    "results": [
        {"Timestamp": "2024-12-26T09:39:50.7688641Z", "FileName": "cmd.exe", "InitiatingProcessFileName": "powershell.exe"},
        {"Timestamp": "2024-09-26T09:39:49.4353788Z", "FileName": "explorer.exe", "InitiatingProcessFileName": "cmd.exe"},
        {"Timestamp": "2024-06-26T09:39:49.4353788Z", "FileName": "notepad.exe", "InitiatingProcessFileName": "explorer.exe"},
        {"Timestamp": "2024-03-26T09:39:49.4353788Z", "FileName": "cmd.exe", "InitiatingProcessFileName": "powershell.exe"}
    ]
}`

const docHuntResponseBeta = `{
    "schema": [
        {"Name": "Timestamp", "Type": "DateTime"},
        {"Name": "FileName", "Type": "String"},
        {"Name": "InitiatingProcessFileName", "Type": "String"}
    ],
    "results": [
        {"Timestamp": "2020-08-30T06:38:35.7664356Z", "FileName": "conhost.exe", "InitiatingProcessFileName": "powershell.exe"},
        {"Timestamp": "2020-08-30T06:38:30.5163363Z", "FileName": "conhost.exe", "InitiatingProcessFileName": "powershell.exe"}
    ]
}`
