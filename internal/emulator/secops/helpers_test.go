package secops

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)

func decodeAll(t *testing.T, raws []json.RawMessage) []map[string]any {
	t.Helper()
	out := make([]map[string]any, len(raws))
	for i, r := range raws {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			t.Fatalf("entity %d is not JSON: %v\n%s", i, err, r)
		}
	}
	return out
}

func byID(t *testing.T, objs []map[string]any, id string) map[string]any {
	t.Helper()
	for _, o := range objs {
		if o["id"] == id {
			return o
		}
	}
	t.Fatalf("no entity with id %q", id)
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// evidenceHosts returns the hosts, IPs and URL hosts one evidence item carries, by the
// properties the evidence resource pages define.
func evidenceHosts(e map[string]any) []string {
	var out []string
	ip := func(v any) {
		if m, ok := v.(map[string]any); ok && str(m["ipAddress"]) != "" {
			out = append(out, str(m["ipAddress"]))
		}
	}
	urlHost := func(s string) {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			out = append(out, u.Hostname())
		}
	}
	switch str(e["@odata.type"]) {
	case "#microsoft.graph.security.ipEvidence":
		ip(e)
	case "#microsoft.graph.security.urlEvidence":
		urlHost(str(e["url"]))
	case "#microsoft.graph.security.dnsEvidence":
		out = append(out, str(e["domainName"]))
		for _, a := range e["ipAddresses"].([]any) {
			ip(a)
		}
		ip(e["dnsServerIp"])
		ip(e["hostIpAddress"])
	case "#microsoft.graph.security.networkConnectionEvidence":
		ip(e["sourceAddress"])
		ip(e["destinationAddress"])
	case "#microsoft.graph.security.analyzedMessageEvidence":
		out = append(out, str(e["senderIp"]))
		out = append(out, str(e["p1Sender"].(map[string]any)["domainName"]))
		for _, u := range e["urls"].([]any) {
			urlHost(str(u))
		}
	}
	return out
}

func evidenceOf(a map[string]any) []map[string]any {
	var out []map[string]any
	for _, e := range a["evidence"].([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}
