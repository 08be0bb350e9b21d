package graph

import (
	"encoding/json"
	"net"
	"strings"
)

// Host is a microsoft.graph.security.host: a hostname or an ipAddress.
// Dates stay strings: documented examples hold placeholders such as
// "String (timestamp)" that a time.Time would reject.
type Host struct {
	ODataType         string `json:"@odata.type"`
	ID                string `json:"id"`
	FirstSeenDateTime string `json:"firstSeenDateTime"`
	LastSeenDateTime  string `json:"lastSeenDateTime"`

	// hostname only
	Registrant string `json:"registrant"`
	Registrar  string `json:"registrar"`

	// ipAddress only
	AutonomousSystem *AutonomousSystem `json:"autonomousSystem"`
	CountryOrRegion  string            `json:"countryOrRegion"`
	HostingProvider  string            `json:"hostingProvider"`
	Netblock         string            `json:"netblock"`

	// Raw is the record as received (normalized like Get's result).
	Raw json.RawMessage `json:"-"`
}

// Kind returns "hostname" or "ipAddress" from @odata.type, compared
// case-insensitively (the docs also write "hostName"). Without a usable
// @odata.type (e.g. after $select) the id decides; "" when neither does.
func (h *Host) Kind() string {
	t := strings.ToLower(h.ODataType)
	switch {
	case strings.HasSuffix(t, ".hostname"):
		return "hostname"
	case strings.HasSuffix(t, ".ipaddress"):
		return "ipAddress"
	case t != "" || h.ID == "":
		return ""
	case net.ParseIP(h.ID) != nil:
		return "ipAddress"
	default:
		return "hostname"
	}
}

// AutonomousSystem is a microsoft.graph.security.autonomousSystem.
type AutonomousSystem struct {
	Name         string `json:"name"`
	Number       int32  `json:"number"`
	Organization string `json:"organization"`
	Value        string `json:"value"`
}

// HostReputation is a microsoft.graph.security.hostReputation.
type HostReputation struct {
	ID             string               `json:"id"`
	Classification string               `json:"classification"` // neutral, suspicious, malicious, unknown…
	Score          int32                `json:"score"`
	Rules          []HostReputationRule `json:"rules"`
	Raw            json.RawMessage      `json:"-"`
}

// HostReputationRule is one rule that contributed to a reputation.
type HostReputationRule struct {
	Name              string `json:"name"`
	Description       string `json:"description"`
	RelatedDetailsURL string `json:"relatedDetailsUrl"`
	Severity          string `json:"severity"`
}
