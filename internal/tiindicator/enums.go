package tiindicator

import (
	"fmt"
	"strings"
)

// The documented values of the enumerations, in the spelling Graph documents
// (api-reference/beta/resources/tiindicator.md). Validate requires these exact spellings;
// the Parse functions below accept any case, and the aliases, and return them.
var (
	Actions     = []string{"unknown", "allow", "block", "alert"}
	ThreatTypes = []string{"Botnet", "C2", "CryptoMining", "Darknet", "DDoS", "MaliciousUrl", "Malware", "Phishing", "Proxy", "PUA", "WatchList"}
	TLPLevels   = []string{"unknown", "white", "green", "amber", "red"}
	// TargetProducts are the two values the resource page accepts; Defender for Endpoint
	// still goes by its old name here.
	TargetProducts = []string{"Azure Sentinel", "Microsoft Defender ATP"}
	FileHashTypes  = []string{"unknown", "sha1", "sha256", "md5", "authenticodeHash256", "lsHash", "ctph"}
	DiamondModels  = []string{"unknown", "adversary", "capability", "infrastructure", "victim"}
	KillChains     = []string{"Actions", "C2", "Delivery", "Exploitation", "Installation", "Reconnaissance", "Weaponization"}
)

// targetProductAliases are short names a user can type for --target-product.
var targetProductAliases = map[string]string{
	"sentinel": "Azure Sentinel", "azure-sentinel": "Azure Sentinel",
	"defender": "Microsoft Defender ATP", "mde": "Microsoft Defender ATP", "defender-atp": "Microsoft Defender ATP",
}

// ParseAction reads an --action value (any case) as its documented spelling.
func ParseAction(s string) (string, error) { return parseEnum("action", s, Actions, nil) }

// ParseThreatType reads a --threat-type value (any case): "malware" becomes "Malware".
func ParseThreatType(s string) (string, error) {
	return parseEnum("threat type", s, ThreatTypes, nil)
}

// ParseTLP reads a --tlp value (any case, with or without a "TLP:" prefix).
func ParseTLP(s string) (string, error) {
	if len(s) > 4 && strings.EqualFold(s[:4], "tlp:") {
		s = s[4:]
	}
	return parseEnum("TLP level", s, TLPLevels, nil)
}

// ParseTargetProduct reads a --target-product value: a documented value in any case, or
// the aliases sentinel, azure-sentinel, defender, defender-atp and mde.
func ParseTargetProduct(s string) (string, error) {
	return parseEnum("target product", s, TargetProducts, targetProductAliases)
}

func parseEnum(what, s string, values []string, aliases map[string]string) (string, error) {
	t := strings.TrimSpace(s)
	for _, v := range values {
		if strings.EqualFold(t, v) {
			return v, nil
		}
	}
	if v, ok := aliases[strings.ToLower(t)]; ok {
		return v, nil
	}
	return "", fmt.Errorf("invalid %s %q: want one of %s", what, s, quoteList(values))
}

// checkEnum is Validate's strict check: the documented spelling only, with a hint when only
// the case differs.
func checkEnum(property, v string, values []string) error {
	for _, w := range values {
		if v == w {
			return nil
		}
	}
	for _, w := range values {
		if strings.EqualFold(v, w) {
			return fmt.Errorf("%s %q is not a documented value: did you mean %q?", property, v, w)
		}
	}
	return fmt.Errorf("%s %q is not one of %s", property, v, quoteList(values))
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
