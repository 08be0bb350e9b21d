package secops

// tiIndicator (9 pages) and securityAction (4 pages) examples, beta only. Several pages print
// placeholders (`{id}`, "action-value") rather than data; they are kept as printed.

const tiTenantMask = "XXXXXXXXXXXXXXXXXXXX"

// docTiPosted: the request of tiindicators-post.md.
const docTiPostRequest = `{
  "action": "alert",
  "activityGroupNames": [],
  "confidence": 0,
  "description": "This is a canary indicator for demo purpose. Take no action on any observables set in this indicator.",
  "expirationDateTime": "2019-03-01T21:43:37.5031462+00:00",
  "externalId": "Test--8586509942679764298MS501",
  "fileHashType": "sha256",
  "fileHashValue": "aa64428647b57bf51524d1756b2ed746e5a3f31b67cf7fe5b5d8a9daf07ca313",
  "killChain": [],
  "malwareFamilyNames": [],
  "severity": 0,
  "tags": [],
  "targetProduct": "Azure Sentinel",
  "threatType": "WatchList",
  "tlpLevel": "green"
}`

// The response of tiindicators-post.md (a trailing comma dropped).
const docTiPostResponse = `{
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#Security/tiIndicators/$entity",
    "id": "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e",
    "azureTenantId": "XXXXXXXXXXXXXXXXXXXX",
    "action": "alert",
    "additionalInformation": null,
    "activityGroupNames": [],
    "confidence": 0,
    "description": "This is a canary indicator for demo purpose. Take no action on any observables set in this indicator."
}`

// The placeholder object of tiindicators-list.md and tiindicator-get.md.
const docTiPlaceholder = `{
  "action": "action-value",
  "activityGroupNames": ["activityGroupNames-value"],
  "additionalInformation": "additionalInformation-value",
  "azureTenantId": "azureTenantId-value",
  "confidence": 99,
  "description": "description-value"
}`

// tiindicator-submittiindicators.md (trailing commas dropped). The response describes the
// indicator as a "test" one although the request says "canary" (as printed).
const docTiSubmitRequest = `{
  "value": [
    {
      "activityGroupNames": [],
      "confidence": 0,
      "description": "This is a canary indicator for demo purpose. Take no action on any observables set in this indicator.",
      "expirationDateTime": "2019-03-01T21:44:03.1668987+00:00",
      "externalId": "Test--8586509942423126760MS164-0",
      "fileHashType": "sha256",
      "fileHashValue": "b555c45c5b1b01304217e72118d6ca1b14b7013644a078273cea27bbdc1cf9d6",
      "killChain": [],
      "malwareFamilyNames": [],
      "severity": 0,
      "tags": [],
      "targetProduct": "Azure Sentinel",
      "threatType": "WatchList",
      "tlpLevel": "green"
    },
    {
      "activityGroupNames": [],
      "confidence": 0,
      "description": "This is a canary indicator for demo purpose. Take no action on any observables set in this indicator.",
      "expirationDateTime": "2019-03-01T21:44:03.1748779+00:00",
      "externalId": "Test--8586509942423126760MS164-1",
      "fileHashType": "sha256",
      "fileHashValue": "1796b433950990b28d6a22456c9d2b58ced1bdfcdf5f16f7e39d6b9bdca4213b",
      "killChain": [],
      "malwareFamilyNames": [],
      "severity": 0,
      "tags": [],
      "targetProduct": "Azure Sentinel",
      "threatType": "WatchList",
      "tlpLevel": "green"
    }
  ]
}`

const docTiSubmitResponse = `{
  "value": [
    {
      "@odata.type": "#microsoft.graph.tiIndicator",
      "id": "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4",
      "azureTenantId": "XXXXXXXXXXXXXXXXXXXXX",
      "action": null,
      "additionalInformation": null,
      "activityGroupNames": [],
      "confidence": 0,
      "description": "This is a test indicator for demo purpose. Take no action on any observables set in this indicator."
    }
  ]
}`

const docTiUpdateRequest2 = `{
  "additionalInformation": "additionalInformation-after-update",
  "confidence": 42,
  "description": "description-after-update"
}`

const docTiUpdateResponse2 = `{
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#Security/tiIndicators/$entity",
    "id": "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e",
    "azureTenantId": "XXXXXXXXXXXXXXXXXXXXXXXXX",
    "action": null,
    "additionalInformation": "additionalInformation-after-update",
    "activityGroupNames": [],
    "confidence": 42,
    "description": "description-after-update"
}`

const docTiBulkUpdateRequest = `{
  "value": [
    {"id": "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4", "additionalInformation": "mytest"},
    {"id": "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e", "additionalInformation": "test again"}
  ]
}`

const docTiBulkUpdateResponse = `{
  "value": [
    {
      "@odata.type": "#microsoft.graph.tiIndicator",
      "id": "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4",
      "azureTenantId": "XXXXXXXXXXXXXXXXXX",
      "action": null,
      "additionalInformation": "mytest",
      "activityGroupNames": [],
      "confidence": 0,
      "description": "This is a test indicator for demo purpose. Take no action on any observables set in this indicator."
    }
  ]
}`

const docResultInfoResponse = `{
  "value": [
    {"code": "code-value", "message": "message-value", "subCode": "subCode-value"}
  ]
}`

// securityactions-post.md: the request names "BlockIp", the response "blockIp", and the
// response's dates are not ISO 8601 ("2019-01-10 12:23:23.33333"), all as printed.
const docActionPostRequest = `{
  "name": "BlockIp",
  "actionReason": "Test",
  "parameters": [{"name": "IP", "value": "1.2.3.4"}],
  "vendorInformation": {"provider": "Windows Defender ATP", "vendor": "Microsoft"}
}`

const docActionPostResponse = `{
    "id" : "1234567890",
    "status" : "notStarted",
    "createdDateTime": "2019-01-10 12:23:23.33333",
    "lastActionDateTime": "2019-01-10 12:23:23.33333",
    "name": "blockIp",
    "actionReason": "Test",
    "errorInfo": null,
    "vendorInformation": {"provider": "Windows Defender ATP", "providerVersion": null, "subProvider": null, "vendor": "Microsoft"},
    "parameters": [{"name": "IP", "value": "1.2.3.4"}]
}`

// The placeholder object of securityactions-list.md and securityaction-get.md.
const docActionPlaceholder = `{
  "actionReason": "actionReason-value",
  "appId": "appId-value",
  "azureTenantId": "azureTenantId-value",
  "clientContext": "clientContext-value",
  "completedDateTime": "datetime-value",
  "createdDateTime": "datetime-value"
}`

func tiExamples() []Example {
	const ti = "/security/tiIndicators"
	return []Example{
		{Page: betaPages + "tiindicators-list.md", Version: "beta", Method: "GET", Path: ti, Status: 200, Response: `{"value":[` + docTiPlaceholder + `]}`},
		{Page: betaPages + "tiindicator-get.md", Version: "beta", Method: "GET", Path: ti + "/{id}", Status: 200, Response: docTiPlaceholder},
		{Page: betaPages + "tiindicators-post.md", Version: "beta", Method: "POST", Path: ti, Body: docTiPostRequest, Status: 201, Response: docTiPostResponse},
		{Page: betaPages + "tiindicator-update.md", Version: "beta", Method: "PATCH", Path: ti + "/{id}", Body: `{"description": "description-updated"}`, Status: 204},
		{Page: betaPages + "tiindicator-update.md", Version: "beta", Method: "PATCH", Path: ti + "/{id}", Prefer: "return=representation", Body: docTiUpdateRequest2, Status: 200, Response: docTiUpdateResponse2},
		{Page: betaPages + "tiindicator-delete.md", Version: "beta", Method: "DELETE", Path: ti + "/{id}", Status: 204},
		{Page: betaPages + "tiindicator-submittiindicators.md", Version: "beta", Method: "POST", Path: ti + "/submitTiIndicators", Body: docTiSubmitRequest, Status: 200, Response: docTiSubmitResponse},
		{Page: betaPages + "tiindicator-updatetiindicators.md", Version: "beta", Method: "POST", Path: ti + "/updateTiIndicators", Body: docTiBulkUpdateRequest, Status: 200, Response: docTiBulkUpdateResponse},
		{Page: betaPages + "tiindicator-deletetiindicators.md", Version: "beta", Method: "POST", Path: ti + "/deleteTiIndicators", Body: `{"value": ["id-value1", "id-value2"]}`, Status: 200, Response: docResultInfoResponse},
		{Page: betaPages + "tiindicator-deletetiindicatorsbyexternalid.md", Version: "beta", Method: "POST", Path: ti + "/deleteTiIndicatorsByExternalId", Body: `{"value": ["externalId-value1", "externalId-value2"]}`, Status: 200, Response: docResultInfoResponse},
		{Page: betaPages + "securityactions-list.md", Version: "beta", Method: "GET", Path: "/security/securityActions", Status: 200, Response: `{"value":[` + docActionPlaceholder + `]}`},
		{Page: betaPages + "securityaction-get.md", Version: "beta", Method: "GET", Path: "/security/securityActions/{id}", Status: 200, Response: docActionPlaceholder},
		{Page: betaPages + "securityactions-post.md", Version: "beta", Method: "POST", Path: "/security/securityActions", Body: docActionPostRequest, Status: 201, Response: docActionPostResponse},
		{Page: betaPages + "securityaction-cancelsecurityaction.md", Version: "beta", Method: "POST", Path: "/security/securityActions/{id}/cancelSecurityAction", Status: 200},
	}
}
