package graph

import "encoding/json"

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
