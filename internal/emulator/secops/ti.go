package secops

import (
	"fmt"
	"time"
)

// Synthetic tiIndicators and securityActions beyond the documented examples: indicators for
// malicious hosts of the TI sample data (what `indicators submit` would push after a
// reputation lookup) and a few block actions in different states.

// tiIndicatorEntities returns the synthetic indicators; expiry and ingestion move with now.
func tiIndicatorEntities(now time.Time) []obj {
	type spec struct {
		id, observable, value, action, threat, tlp, target string
		severity, confidence                               int
	}
	specs := []spec{
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b101", "domainName", "fake-malicious.site", "block", "Phishing", "amber", "Azure Sentinel", 4, 90},
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b102", "networkIPv4", "203.0.113.10", "block", "C2", "red", "Microsoft Defender ATP", 5, 95},
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b103", "url", "http://woodgrove-bank-login.com/verify", "block", "MaliciousUrl", "amber", "Microsoft Defender ATP", 4, 85},
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b104", "emailSenderAddress", "billing@invoice-portal.click", "alert", "Phishing", "green", "Azure Sentinel", 3, 70},
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b105", "domainName", "update-northwind.net", "alert", "WatchList", "green", "Azure Sentinel", 2, 50},
		{"5f3c2a1e-7b64-4d3f-9a2e-41c0d7e8b106", "domainName", "fabrikam.com", "allow", "WatchList", "white", "Azure Sentinel", 0, 100},
	}
	out := []obj{}
	for i, s := range specs {
		o := obj{
			"@odata.type":           "#microsoft.graph.tiIndicator",
			"id":                    s.id,
			"azureTenantId":         TenantID,
			"action":                s.action,
			"activityGroupNames":    []string{},
			"additionalInformation": nil,
			"confidence":            s.confidence,
			"description":           fmt.Sprintf("mdti demo: %s %s", s.threat, s.value),
			"diamondModel":          "infrastructure",
			"expirationDateTime":    graphTime(now.AddDate(0, 0, 30+i).Truncate(time.Second)),
			"externalId":            fmt.Sprintf("mdti-demo-%d", i+1),
			"ingestedDateTime":      graphTime(now.AddDate(0, 0, -(i + 1)).Truncate(time.Second)),
			"isActive":              true,
			"killChain":             []string{},
			"knownFalsePositives":   nil,
			"lastReportedDateTime":  graphTime(now.AddDate(0, 0, -(i + 2)).Truncate(time.Second)),
			"malwareFamilyNames":    []string{},
			"passiveOnly":           s.action == "alert",
			"severity":              s.severity,
			"tags":                  []string{"mdti"},
			"targetProduct":         s.target,
			"threatType":            s.threat,
			"tlpLevel":              s.tlp,
		}
		o[s.observable] = s.value
		out = append(out, o)
	}
	return out
}

// securityActionEntities returns the synthetic security actions.
func securityActionEntities(now time.Time) []obj {
	type spec struct {
		id, ip, status string
		age            time.Duration
	}
	specs := []spec{
		{"2345678901", "203.0.113.10", "completed", 50 * time.Hour},
		{"2345678902", "198.51.100.23", "running", 3 * time.Hour},
		{"2345678903", "203.0.113.11", "failed", 26 * time.Hour},
	}
	out := []obj{}
	for _, s := range specs {
		created := now.Add(-s.age).Truncate(time.Second)
		var completed any
		var errorInfo any
		switch s.status {
		case "completed":
			completed = graphTime(created.Add(4 * time.Minute))
		case "failed":
			errorInfo = obj{"code": 400, "message": "Cannot find a provider for this request", "subCode": "ProviderNotFound"}
		}
		out = append(out, obj{
			"id":                 s.id,
			"name":               "blockIp",
			"actionReason":       "mdti: malicious reputation",
			"appId":              "3e6f1c2a-9b0d-4e7f-8a1b-2c3d4e5f6a7b",
			"azureTenantId":      TenantID,
			"clientContext":      nil,
			"completedDateTime":  completed,
			"createdDateTime":    graphTime(created),
			"lastActionDateTime": graphTime(created.Add(4 * time.Minute)),
			"errorInfo":          errorInfo,
			"parameters":         []obj{{"name": "IP", "value": s.ip}},
			"states":             []obj{{"appId": "3e6f1c2a-9b0d-4e7f-8a1b-2c3d4e5f6a7b", "status": s.status, "statusDetails": nil, "updatedDateTime": graphTime(created.Add(4 * time.Minute)), "user": nil}},
			"status":             s.status,
			"user":               nil,
			"vendorInformation":  obj{"provider": "Windows Defender ATP", "providerVersion": nil, "subProvider": nil, "vendor": "Microsoft"},
		})
	}
	return out
}
