package emulator

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/*.json
var dataFiles embed.FS

// table is one data file's entities with the indexes the routes need.
type table struct {
	list  []*entity
	byID  map[string]*entity
	byKey map[string][]*entity
}

func newTable(list []*entity, key func(*entity) string) *table {
	t := &table{list: list, byID: map[string]*entity{}, byKey: map[string][]*entity{}}
	for _, e := range list {
		t.byID[e.id()] = e
		if key != nil {
			k := strings.ToLower(key(e))
			t.byKey[k] = append(t.byKey[k], e)
		}
	}
	return t
}

func (t *table) get(id string) (*entity, bool) {
	e, ok := t.byID[id]
	return e, ok
}

func (t *table) of(key string) []*entity { return t.byKey[strings.ToLower(key)] }

// dataset is the sample data as one API version serves it.
type dataset struct {
	hosts             *table // by id (lower case)
	reputations       *table // by host
	pdnsForward       *table // by parentHost
	pdnsReverse       *table // by artifact
	whois             *table // by host
	whoisHistory      *table // by whoisRecord id
	certs             *table
	hostCerts         *table // by host
	certHosts         *table // hostSslCertificates by certificate id
	ports             *table // by host
	components        *table // by host
	cookies           *table // by host
	trackers          *table // by host
	pairsByParent     *table // by parentHost
	pairsByChild      *table // by childHost
	subdomains        *table // by parent host
	articles          *table
	articleIndicators *table // by article
	profiles          *table
	profileIndicators *table // by profile
	vulns             *table
	vulnComponents    *table // by vulnerability
}

// dataFile names a data file and the type of its rows.
type dataFile struct {
	name     string
	typeName string // "" when rows carry their own @odata.type (hosts)
}

// sharedData is the parsed threat-intelligence data of one mode, built on first use (not at
// start-up, so `mdti --demo` pays only for what it asks) and shared read-only by every
// Emulator of that mode.
type sharedData struct {
	once sync.Once
	sets map[string]*dataset // by API version
}

var tiData = map[bool]*sharedData{false: {}, true: {}} // by DocsLiteral

// sharedDatasets parses the embedded data once per mode; every Emulator shares the result.
func sharedDatasets(literal bool) map[string]*dataset {
	sd := tiData[literal]
	sd.once.Do(func() {
		var err error
		sd.sets, err = loadDatasets(literal)
		if err != nil {
			sd.sets = map[string]*dataset{"v1.0": emptyDataset(), "beta": emptyDataset()}
		}
	})
	return sd.sets
}

func loadDatasets(literal bool) (map[string]*dataset, error) {
	return loadShiftedDatasets(literal, 0)
}

// loadShiftedDatasets is loadDatasets with every date moved forward by days.
func loadShiftedDatasets(literal bool, days int) (map[string]*dataset, error) {
	raw := map[string][]*entity{}
	for _, f := range dataFileList {
		list, err := readDataFile(f, days)
		if err != nil {
			return nil, err
		}
		if !literal {
			list = standardForms(list)
		}
		raw[f.name] = list
	}
	return map[string]*dataset{
		"v1.0": buildDataset(raw, "v1.0", literal),
		"beta": buildDataset(raw, "beta", literal),
	}, nil
}

var dataFileList = []dataFile{
	{"hosts", ""},
	{"reputations", "hostReputation"},
	{"passiveDns", "passiveDnsRecord"},
	{"whoisRecords", "whoisRecord"},
	{"whoisHistory", "whoisHistoryRecord"},
	{"sslCertificates", "sslCertificate"},
	{"hostSslCertificates", "hostSslCertificate"},
	{"hostPorts", "hostPort"},
	{"hostComponents", "hostComponent"},
	{"hostCookies", "hostCookie"},
	{"hostTrackers", "hostTracker"},
	{"hostPairs", "hostPair"},
	{"subdomains", "subdomain"},
	{"articles", "article"},
	{"articleIndicators", "articleIndicator"},
	{"intelProfiles", "intelligenceProfile"},
	{"intelProfileIndicators", "intelligenceProfileIndicator"},
	{"vulnerabilities", "vulnerability"},
	{"vulnerabilityComponents", "vulnerabilityComponent"},
}

func readDataFile(f dataFile, days int) ([]*entity, error) {
	b, err := dataFiles.ReadFile("data/" + f.name + ".json")
	if err != nil {
		return nil, fmt.Errorf("read data file %s: %w", f.name, err)
	}
	b = shiftDates(b, days)
	var rows []json.RawMessage
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("parse data file %s: %w", f.name, err)
	}
	out := make([]*entity, 0, len(rows))
	for i, row := range rows {
		e, err := parseEntity(row)
		if err != nil {
			return nil, fmt.Errorf("data file %s row %d: %w", f.name, i, err)
		}
		if f.typeName != "" {
			e.ensureType(odataTypeOf(f.typeName))
		}
		expandMegabyte(e)
		if e.id() == "" {
			return nil, fmt.Errorf("data file %s row %d: no id", f.name, i)
		}
		out = append(out, e)
	}
	return out, nil
}

// buildDataset applies the version's differences and indexes every file.
func buildDataset(raw map[string][]*entity, version string, literal bool) *dataset {
	rows := func(name string) []*entity { return forVersion(raw[name], version) }
	certs := newTable(rows("sslCertificates"), nil)
	hostCerts := expandCertificates(rows("hostSslCertificates"), certs)
	navKey := func(prop string) func(*entity) string { return func(e *entity) string { return e.navID(prop) } }
	metaKey := func(key string) func(*entity) string { return func(e *entity) string { return e.metaString(key) } }
	d := &dataset{
		hosts:             newTable(lowerIDs(rows("hosts")), nil),
		reputations:       newTable(rows("reputations"), metaKey("_host")),
		pdnsForward:       newTable(rows("passiveDns"), navKey("parentHost")),
		pdnsReverse:       newTable(rows("passiveDns"), navKey("artifact")),
		whois:             newTable(rows("whoisRecords"), navKey("host")),
		whoisHistory:      newTable(rows("whoisHistory"), metaKey("_record")),
		certs:             certs,
		hostCerts:         newTable(hostCerts, navKey("host")),
		certHosts:         newTable(hostCerts, navKey("sslCertificate")),
		ports:             newTable(rows("hostPorts"), navKey("host")),
		components:        newTable(rows("hostComponents"), navKey("host")),
		cookies:           newTable(rows("hostCookies"), navKey("host")),
		trackers:          newTable(rows("hostTrackers"), navKey("host")),
		pairsByParent:     newTable(rows("hostPairs"), navKey("parentHost")),
		pairsByChild:      newTable(rows("hostPairs"), navKey("childHost")),
		subdomains:        newTable(rows("subdomains"), metaKey("_parent")),
		articles:          newTable(rows("articles"), nil),
		articleIndicators: newTable(betaSources(rows("articleIndicators"), version), metaKey("_article")),
		profiles:          newTable(rows("intelProfiles"), nil),
		profileIndicators: newTable(betaSources(rows("intelProfileIndicators"), version), metaKey("_profile")),
		vulns:             newTable(betaVulnerabilities(rows("vulnerabilities"), version, literal), nil),
		vulnComponents:    newTable(rows("vulnerabilityComponents"), metaKey("_vulnerability")),
	}
	return d
}

func emptyDataset() *dataset {
	return buildDataset(map[string][]*entity{}, "v1.0", false)
}

// forVersion drops rows whose "_versions" list excludes version.
func forVersion(list []*entity, version string) []*entity {
	out := make([]*entity, 0, len(list))
	for _, e := range list {
		vs, ok := e.meta["_versions"].([]any)
		if !ok || containsValue(vs, version) {
			out = append(out, e)
		}
	}
	return out
}

func containsValue(vs []any, want string) bool {
	for _, v := range vs {
		if v == want {
			return true
		}
	}
	return false
}

// lowerIDs indexes hosts case-insensitively: hostnames are case-insensitive in DNS.
func lowerIDs(list []*entity) []*entity {
	out := make([]*entity, len(list))
	for i, e := range list {
		c := e.clone()
		c.fields["id"] = strings.ToLower(e.id())
		out[i] = c
	}
	return out
}

// expandCertificates replaces each hostSslCertificate's sslCertificate stub with the full
// certificate, as the List hostSslCertificates example shows it.
func expandCertificates(list []*entity, certs *table) []*entity {
	out := make([]*entity, len(list))
	for i, e := range list {
		c := e.clone()
		if cert, ok := certs.get(e.navID("sslCertificate")); ok {
			c.set("sslCertificate", cert.appendJSON(nil, nil), cert.fields)
		}
		out[i] = c
	}
	return out
}

// betaSources maps indicatorSource to the beta enumeration members (resources.md).
func betaSources(list []*entity, version string) []*entity {
	if version != "beta" {
		return list
	}
	names := map[string]string{"microsoft": "microsoftDefenderThreatIntelligence", "osint": "openSourceIntelligence"}
	out := make([]*entity, len(list))
	for i, e := range list {
		c := e.clone()
		if s, ok := e.fields["source"].(string); ok && names[s] != "" {
			c.setValue("source", names[s])
		}
		out[i] = c
	}
	return out
}

// betaVulnerabilities reproduces the beta Get vulnerability example, which gives the three
// booleans as strings ("true"); only in DocsLiteral mode, since the resource table types
// them Boolean.
func betaVulnerabilities(list []*entity, version string, literal bool) []*entity {
	if version != "beta" || !literal {
		return list
	}
	out := make([]*entity, len(list))
	for i, e := range list {
		c := e.clone()
		for _, k := range []string{"hasChatter", "exploitsAvailable", "activeExploitsObserved"} {
			if b, ok := e.fields[k].(bool); ok {
				c.setValue(k, fmt.Sprint(b))
			}
		}
		out[i] = c
	}
	return out
}

// megabyteField is the 1 MB value a "_megabyte": "prop" row gets in prop (the hostile host
// evil-data.fault.test), so the data files need not hold it: escape sequences first, then
// plain text, so a client that fails to truncate or sanitise shows it.
// It is built only when the data is loaded, never at process start.
func megabyteField() string {
	return "\x1b]8;;https://evil.example/\x07" + strings.Repeat("A", 1<<20) + "\x1b]8;;\x07"
}

func expandMegabyte(e *entity) {
	prop, ok := e.meta["_megabyte"].(string)
	if !ok {
		return
	}
	megabyteField := megabyteField()
	raw, _ := json.Marshal(megabyteField)
	e.set(prop, raw, megabyteField)
}
