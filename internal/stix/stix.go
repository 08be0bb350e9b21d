// Package stix writes the indicators `indicators submit` would send as a STIX 2.1 bundle,
// for Microsoft Sentinel's upload API for STIX objects or any threat-intelligence platform
// (the replacements of the retiring tiIndicators API; docs/reference.md §10), and checks a
// bundle against the rules of the STIX 2.1 specification that such a bundle touches.
package stix

import "strings"

// SpecVersion is the STIX version every object here declares.
const SpecVersion = "2.1"

// Bundle is a STIX 2.1 bundle. It has no spec_version: 2.1 removed it from bundles.
type Bundle struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Objects []any  `json:"objects"`
}

// Indicator is the STIX 2.1 indicator SDO, with the properties we fill.
type Indicator struct {
	Type               string              `json:"type"`
	SpecVersion        string              `json:"spec_version"`
	ID                 string              `json:"id"`
	Created            string              `json:"created"`
	Modified           string              `json:"modified"`
	Name               string              `json:"name,omitempty"`
	Description        string              `json:"description,omitempty"`
	IndicatorTypes     []string            `json:"indicator_types,omitempty"`
	Pattern            string              `json:"pattern"`
	PatternType        string              `json:"pattern_type"`
	ValidFrom          string              `json:"valid_from"`
	ValidUntil         string              `json:"valid_until,omitempty"`
	KillChainPhases    []KillChainPhase    `json:"kill_chain_phases,omitempty"`
	Labels             []string            `json:"labels,omitempty"`
	Confidence         *int32              `json:"confidence,omitempty"`
	ExternalReferences []ExternalReference `json:"external_references,omitempty"`
	ObjectMarkingRefs  []string            `json:"object_marking_refs,omitempty"`
}

// KillChainPhase names one phase of a kill chain.
type KillChainPhase struct {
	KillChainName string `json:"kill_chain_name"`
	PhaseName     string `json:"phase_name"`
}

// ExternalReference points outside STIX: here, back to the tiIndicator.
type ExternalReference struct {
	SourceName string `json:"source_name"`
	ExternalID string `json:"external_id,omitempty"`
}

// MarkingDefinition is the STIX 2.1 marking-definition object (TLP markings only here).
type MarkingDefinition struct {
	Type           string            `json:"type"`
	SpecVersion    string            `json:"spec_version"`
	ID             string            `json:"id"`
	Created        string            `json:"created"`
	Name           string            `json:"name"`
	DefinitionType string            `json:"definition_type"`
	Definition     map[string]string `json:"definition"`
}

// tlpIDs are the fixed identifiers STIX 2.1 gives the four TLP 1.0 marking definitions
// (section 7.2.1.4); they are the same in every bundle of every producer.
var tlpIDs = map[string]string{
	"white": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	"green": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
	"amber": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
	"red":   "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}

// TLPLevels are the TLP levels STIX 2.1 predefines, in order of restriction.
var TLPLevels = []string{"white", "green", "amber", "red"}

// TLPMarking is the predefined marking definition of a TLP level ("white", "green",
// "amber", "red"), as the specification prints it.
func TLPMarking(level string) (MarkingDefinition, bool) {
	id, ok := tlpIDs[level]
	if !ok {
		return MarkingDefinition{}, false
	}
	return MarkingDefinition{
		Type:           "marking-definition",
		SpecVersion:    SpecVersion,
		ID:             id,
		Created:        "2017-01-20T00:00:00.000Z",
		Name:           "TLP:" + strings.ToUpper(level),
		DefinitionType: "tlp",
		Definition:     map[string]string{"tlp": level},
	}, true
}
