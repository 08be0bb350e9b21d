// Package tiindicator is the beta tiIndicator model of the Graph Security API (deprecated by
// Microsoft, removal announced for April 2026; docs/reference.md §10): its properties and
// enumerations, indicators built from HOST arguments, the JSON/JSONL/CSV input of
// `indicators submit`, validation before sending, chunking and the per-item outcomes of the
// bulk actions. It knows no HTTP: the commands send what it builds.
package tiindicator

// Indicator holds the documented properties of a tiIndicator
// (api-reference/beta/resources/tiindicator.md). Numbers and booleans are pointers so that a
// built indicator sends only what was set; Read keeps the user's own JSON for sending.
type Indicator struct {
	ID                    string   `json:"id,omitempty"`
	Action                string   `json:"action,omitempty"`
	ActivityGroupNames    []string `json:"activityGroupNames,omitempty"`
	AdditionalInformation string   `json:"additionalInformation,omitempty"`
	AzureTenantID         string   `json:"azureTenantId,omitempty"`
	Confidence            *int32   `json:"confidence,omitempty"`
	Description           string   `json:"description,omitempty"`
	DiamondModel          string   `json:"diamondModel,omitempty"`
	ExpirationDateTime    string   `json:"expirationDateTime,omitempty"`
	ExternalID            string   `json:"externalId,omitempty"`
	IngestedDateTime      string   `json:"ingestedDateTime,omitempty"`
	IsActive              *bool    `json:"isActive,omitempty"`
	KillChain             []string `json:"killChain,omitempty"`
	KnownFalsePositives   string   `json:"knownFalsePositives,omitempty"`
	LastReportedDateTime  string   `json:"lastReportedDateTime,omitempty"`
	MalwareFamilyNames    []string `json:"malwareFamilyNames,omitempty"`
	PassiveOnly           *bool    `json:"passiveOnly,omitempty"`
	Severity              *int32   `json:"severity,omitempty"`
	Tags                  []string `json:"tags,omitempty"`
	TargetProduct         string   `json:"targetProduct,omitempty"`
	ThreatType            string   `json:"threatType,omitempty"`
	TLPLevel              string   `json:"tlpLevel,omitempty"`

	// Email observables.
	EmailEncoding        string `json:"emailEncoding,omitempty"`
	EmailLanguage        string `json:"emailLanguage,omitempty"`
	EmailRecipient       string `json:"emailRecipient,omitempty"`
	EmailSenderAddress   string `json:"emailSenderAddress,omitempty"`
	EmailSenderName      string `json:"emailSenderName,omitempty"`
	EmailSourceDomain    string `json:"emailSourceDomain,omitempty"`
	EmailSourceIPAddress string `json:"emailSourceIpAddress,omitempty"`
	EmailSubject         string `json:"emailSubject,omitempty"`
	EmailXMailer         string `json:"emailXMailer,omitempty"`

	// File observables.
	FileCompileDateTime string `json:"fileCompileDateTime,omitempty"`
	FileCreatedDateTime string `json:"fileCreatedDateTime,omitempty"`
	FileHashType        string `json:"fileHashType,omitempty"`
	FileHashValue       string `json:"fileHashValue,omitempty"`
	FileMutexName       string `json:"fileMutexName,omitempty"`
	FileName            string `json:"fileName,omitempty"`
	FilePacker          string `json:"filePacker,omitempty"`
	FilePath            string `json:"filePath,omitempty"`
	FileSize            *int64 `json:"fileSize,omitempty"`
	FileType            string `json:"fileType,omitempty"`

	// Network observables.
	DomainName                  string `json:"domainName,omitempty"`
	NetworkCidrBlock            string `json:"networkCidrBlock,omitempty"`
	NetworkDestinationAsn       *int32 `json:"networkDestinationAsn,omitempty"`
	NetworkDestinationCidrBlock string `json:"networkDestinationCidrBlock,omitempty"`
	NetworkDestinationIPv4      string `json:"networkDestinationIPv4,omitempty"`
	NetworkDestinationIPv6      string `json:"networkDestinationIPv6,omitempty"`
	NetworkDestinationPort      *int32 `json:"networkDestinationPort,omitempty"`
	NetworkIPv4                 string `json:"networkIPv4,omitempty"`
	NetworkIPv6                 string `json:"networkIPv6,omitempty"`
	NetworkPort                 *int32 `json:"networkPort,omitempty"`
	NetworkProtocol             *int32 `json:"networkProtocol,omitempty"`
	NetworkSourceAsn            *int32 `json:"networkSourceAsn,omitempty"`
	NetworkSourceCidrBlock      string `json:"networkSourceCidrBlock,omitempty"`
	NetworkSourceIPv4           string `json:"networkSourceIPv4,omitempty"`
	NetworkSourceIPv6           string `json:"networkSourceIPv6,omitempty"`
	NetworkSourcePort           *int32 `json:"networkSourcePort,omitempty"`
	URL                         string `json:"url,omitempty"`
	UserAgent                   string `json:"userAgent,omitempty"`
}

// kind is the JSON shape of a property, which the CSV reader needs to type a cell.
type kind int

const (
	kindString kind = iota
	kindInt
	kindBool
	kindStrings
)

// properties maps every documented property to its shape; observable marks the email, file
// and network observables, one of which every submitted indicator needs.
var properties = map[string]struct {
	kind       kind
	observable bool
}{
	"id": {kindString, false}, "action": {kindString, false},
	"activityGroupNames": {kindStrings, false}, "additionalInformation": {kindString, false},
	"azureTenantId": {kindString, false}, "confidence": {kindInt, false},
	"description": {kindString, false}, "diamondModel": {kindString, false},
	"expirationDateTime": {kindString, false}, "externalId": {kindString, false},
	"ingestedDateTime": {kindString, false}, "isActive": {kindBool, false},
	"killChain": {kindStrings, false}, "knownFalsePositives": {kindString, false},
	"lastReportedDateTime": {kindString, false}, "malwareFamilyNames": {kindStrings, false},
	"passiveOnly": {kindBool, false}, "severity": {kindInt, false},
	"tags": {kindStrings, false}, "targetProduct": {kindString, false},
	"threatType": {kindString, false}, "tlpLevel": {kindString, false},

	"emailEncoding": {kindString, true}, "emailLanguage": {kindString, true},
	"emailRecipient": {kindString, true}, "emailSenderAddress": {kindString, true},
	"emailSenderName": {kindString, true}, "emailSourceDomain": {kindString, true},
	"emailSourceIpAddress": {kindString, true}, "emailSubject": {kindString, true},
	"emailXMailer": {kindString, true},

	"fileCompileDateTime": {kindString, true}, "fileCreatedDateTime": {kindString, true},
	// fileHashType only says what fileHashValue is: on its own it observes nothing.
	"fileHashType": {kindString, false}, "fileHashValue": {kindString, true},
	"fileMutexName": {kindString, true}, "fileName": {kindString, true},
	"filePacker": {kindString, true}, "filePath": {kindString, true},
	"fileSize": {kindInt, true}, "fileType": {kindString, true},

	"domainName": {kindString, true}, "networkCidrBlock": {kindString, true},
	"networkDestinationAsn": {kindInt, true}, "networkDestinationCidrBlock": {kindString, true},
	"networkDestinationIPv4": {kindString, true}, "networkDestinationIPv6": {kindString, true},
	"networkDestinationPort": {kindInt, true}, "networkIPv4": {kindString, true},
	"networkIPv6": {kindString, true}, "networkPort": {kindInt, true},
	"networkProtocol": {kindInt, true}, "networkSourceAsn": {kindInt, true},
	"networkSourceCidrBlock": {kindString, true}, "networkSourceIPv4": {kindString, true},
	"networkSourceIPv6": {kindString, true}, "networkSourcePort": {kindInt, true},
	"url": {kindString, true}, "userAgent": {kindString, true},
}
