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
