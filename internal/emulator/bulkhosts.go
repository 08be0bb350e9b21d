package emulator

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// Hosts under bulk.test (h1.bulk.test, anything.bulk.test…) exist for bulk tests and
// benchmarks: any number of distinct hosts, each with a host object and a reputation
// computed from its name, so 100,000 inputs need no 100,000-row data file.
const bulkSuffix = ".bulk.test"

// Hosts under pages.bulk.test (h1.pages.bulk.test…) also have pagesRecords passive DNS
// records each, so that collections that page can be measured over many hosts (with
// --page-size 1, three pages a host).
const (
	pagesSuffix  = ".pages" + bulkSuffix
	pagesRecords = 3
)

func isBulkHost(key string) bool {
	k := strings.ToLower(key)
	return strings.HasSuffix(k, bulkSuffix) && len(k) > len(bulkSuffix)
}

// bulkScore spreads hosts over 0-100: about a quarter malicious, a third suspicious.
func bulkScore(key string) int {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(key)))
	return int(h.Sum32() % 101)
}

func bulkClassification(score int) string {
	switch {
	case score >= 75:
		return "malicious"
	case score >= 40:
		return "suspicious"
	}
	return "neutral"
}

func resolveBulkHost(key string, rest []token) (*resource, *apiError) {
	k := strings.ToLower(key)
	hostCtx := tiContext + keySegment("hosts", key)
	switch {
	case len(rest) == 0:
		e, err := parseEntity([]byte(fmt.Sprintf(`{"@odata.type":"#microsoft.graph.security.hostname","id":%q,"firstSeenDateTime":"2021-03-01T00:00:00Z","lastSeenDateTime":"2026-11-01T00:00:00Z","registrar":"Synthetic Registrar, Inc.","registrant":"Bulk Test Org"}`, k)))
		if err != nil {
			return nil, internalError(err)
		}
		return one("host", tiContext+"hosts", e), nil
	case len(rest) == 1 && rest[0].text == "reputation":
		score := bulkScore(k)
		e, err := parseEntity([]byte(fmt.Sprintf(`{"@odata.type":"#microsoft.graph.security.hostReputation","id":"bulk-%08x","classification":%q,"score":%d,"rules":[]}`, fnvID(k), bulkClassification(score), score)))
		if err != nil {
			return nil, internalError(err)
		}
		return one("hostReputation", hostCtx+"/reputation", e), nil
	}
	if len(rest) == 1 && rest[0].text == "passiveDns" && strings.HasSuffix(k, pagesSuffix) {
		items, err := bulkPDNS(k)
		if err != nil {
			return nil, internalError(err)
		}
		return many("passiveDnsRecord", hostCtx+"/passiveDns", items), nil
	}
	// Every other relation of a bulk host is an empty collection of its documented type.
	if r, ok := hostRelations.Get()[rest[0].text]; ok && len(rest) == 1 {
		return many(r.typeName, hostCtx+"/"+rest[0].text, nil), nil
	}
	return nil, notFound("No %s for host '%s'.", rest[0].text, key)
}

func internalError(err error) *apiError {
	return &apiError{status: 500, code: "InternalServerError", message: "emulator: " + err.Error()}
}

func fnvID(k string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(k))
	return h.Sum32()
}

// bulkPDNS is the passive DNS history of a pages.bulk.test host, computed from its name.
func bulkPDNS(k string) ([]*entity, error) {
	h := fnvID(k)
	items := make([]*entity, pagesRecords)
	for i := range items {
		e, err := parseEntity([]byte(fmt.Sprintf(`{"@odata.type":"#microsoft.graph.security.passiveDnsRecord","id":"bulk-pdns-%08x-%d","firstSeenDateTime":"2024-0%d-01T00:00:00Z","lastSeenDateTime":"2026-11-01T00:00:00Z","collectedDateTime":"2026-11-01T00:00:00Z","recordType":"A","parentHost":{"id":%q},"artifact":{"@odata.type":"#microsoft.graph.security.ipAddress","id":"10.%d.%d.%d"}}`,
			h, i, i+1, k, h>>16&0xff, h>>8&0xff, i)))
		if err != nil {
			return nil, err
		}
		items[i] = e
	}
	return items, nil
}
