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
	// filled holds the rows written with "_megabyte" (the hostile host): get returns them
	// with their megabyte in place, built on the first get of that row, so a table whose
	// other rows are asked for never allocates it. list and byKey hold them as written.
	filled map[string]func() *entity
}

func newTable(list []*entity, key func(*entity) string) *table {
	t := &table{list: list, byID: map[string]*entity{}, byKey: map[string][]*entity{}}
	for _, e := range list {
		t.byID[e.id()] = e
		if key != nil {
			k := strings.ToLower(key(e))
			t.byKey[k] = append(t.byKey[k], e)
		}
		if _, ok := e.meta["_megabyte"]; ok {
			if t.filled == nil {
				t.filled = map[string]func() *entity{}
			}
			t.filled[e.id()] = sync.OnceValue(func() *entity {
				c := e.clone()
				expandMegabyte(c)
				return c
			})
		}
	}
	return t
}

func (t *table) get(id string) (*entity, bool) {
	if fill, ok := t.filled[id]; ok {
		return fill(), true
	}
	e, ok := t.byID[id]
	return e, ok
}

func (t *table) of(key string) []*entity { return t.byKey[strings.ToLower(key)] }

// dataset is the sample data as one API version serves it. Each table is built on its first
// use (sync.OnceValue), from only the data files it needs, so a request pays for the sets it
// touches: `mdti --demo reputation X` parses hosts and reputations, not the WHOIS history or
// the certificates.
type dataset struct {
	hosts             func() *table // by id (lower case)
	reputations       func() *table // by host
	pdnsForward       func() *table // by parentHost
	pdnsReverse       func() *table // by artifact
	whois             func() *table // by host
	whoisHistory      func() *table // by whoisRecord id
	certs             func() *table
	hostCerts         func() *table // by host
	certHosts         func() *table // hostSslCertificates by certificate id
	ports             func() *table // by host
	components        func() *table // by host
	cookies           func() *table // by host
	trackers          func() *table // by host
	pairsByParent     func() *table // by parentHost
	pairsByChild      func() *table // by childHost
	subdomains        func() *table // by parent host
	articles          func() *table
	articleIndicators func() *table // by article
	profiles          func() *table
	profileIndicators func() *table // by profile
	vulns             func() *table
	vulnComponents    func() *table // by vulnerability
}

// dataFile names a data file and the type of its rows.
type dataFile struct {
	name     string
	typeName string // "" when rows carry their own @odata.type (hosts)
}

// source is the embedded sample data in one mode (literal or standard forms) with its dates
// moved forward by days: each data file is read and parsed on its first use, once, however
// many requests ask at the same time, and shared by both API versions' datasets.
type source struct {
	files    map[string]func() []*entity // by data file name
	versions map[string]*dataset         // "v1.0", "beta"
}

// newSource parses nothing: read runs at a file's first use. A file that fails to read or
// parse serves as empty (the package tests keep the embedded files valid).
func newSource(literal bool, days int, read func(dataFile, int) ([]*entity, error)) *source {
	src := &source{files: map[string]func() []*entity{}}
	for _, f := range dataFileList {
		src.files[f.name] = sync.OnceValue(func() []*entity {
			list, err := read(f, days)
			if err != nil {
				return nil
			}
			if !literal {
				list = standardForms(list)
			}
			return list
		})
	}
	src.versions = map[string]*dataset{
		"v1.0": buildDataset(src.file, "v1.0", literal),
		"beta": buildDataset(src.file, "beta", literal),
	}
	return src
}

func (src *source) file(name string) []*entity {
	if f, ok := src.files[name]; ok {
		return f()
	}
	return nil
}

// shared is the threat-intelligence data of each mode (index 1: DocsLiteral), shared
// read-only by every Emulator of that mode. Zero values: nothing is built at start-up.
var shared [2]struct {
	once sync.Once
	src  *source
}

// sharedDatasets is the data of one mode by API version; nothing is parsed until a table is used.
func sharedDatasets(literal bool) map[string]*dataset {
	s := &shared[0]
	if literal {
		s = &shared[1]
	}
	s.once.Do(func() { s.src = newSource(literal, 0, readDataFile) })
	return s.src.versions
}

// loadDatasets parses every data file now and reports the first that is broken: the package
// tests' check of the embedded data. The emulator itself loads lazily (sharedDatasets).
func loadDatasets(literal bool) (map[string]*dataset, error) {
	for _, f := range dataFileList {
		if _, err := readDataFile(f, 0); err != nil {
			return nil, err
		}
	}
	return newSource(literal, 0, readDataFile).versions, nil
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
		if e.id() == "" {
			return nil, fmt.Errorf("data file %s row %d: no id", f.name, i)
		}
		out = append(out, e)
	}
	return out, nil
}

// buildDataset applies the version's differences and indexes the files, each table on its
// first use; file gives a data file's parsed rows.
func buildDataset(file func(string) []*entity, version string, literal bool) *dataset {
	rows := func(name string) []*entity { return forVersion(file(name), version) }
	navKey := func(prop string) func(*entity) string { return func(e *entity) string { return e.navID(prop) } }
	metaKey := func(key string) func(*entity) string { return func(e *entity) string { return e.metaString(key) } }
	indexed := func(name string, key func(*entity) string) func() *table {
		return sync.OnceValue(func() *table { return newTable(rows(name), key) })
	}
	certs := indexed("sslCertificates", nil)
	hostCerts := sync.OnceValue(func() []*entity { return expandCertificates(rows("hostSslCertificates"), certs()) })
	return &dataset{
		hosts:         sync.OnceValue(func() *table { return newTable(lowerIDs(rows("hosts")), nil) }),
		reputations:   indexed("reputations", metaKey("_host")),
		pdnsForward:   indexed("passiveDns", navKey("parentHost")),
		pdnsReverse:   indexed("passiveDns", navKey("artifact")),
		whois:         indexed("whoisRecords", navKey("host")),
		whoisHistory:  indexed("whoisHistory", metaKey("_record")),
		certs:         certs,
		hostCerts:     sync.OnceValue(func() *table { return newTable(hostCerts(), navKey("host")) }),
		certHosts:     sync.OnceValue(func() *table { return newTable(hostCerts(), navKey("sslCertificate")) }),
		ports:         indexed("hostPorts", navKey("host")),
		components:    indexed("hostComponents", navKey("host")),
		cookies:       indexed("hostCookies", navKey("host")),
		trackers:      indexed("hostTrackers", navKey("host")),
		pairsByParent: indexed("hostPairs", navKey("parentHost")),
		pairsByChild:  indexed("hostPairs", navKey("childHost")),
		subdomains:    indexed("subdomains", metaKey("_parent")),
		articles:      indexed("articles", nil),
		articleIndicators: sync.OnceValue(func() *table {
			return newTable(betaSources(rows("articleIndicators"), version), metaKey("_article"))
		}),
		profiles: indexed("intelProfiles", nil),
		profileIndicators: sync.OnceValue(func() *table {
			return newTable(betaSources(rows("intelProfileIndicators"), version), metaKey("_profile"))
		}),
		vulns: sync.OnceValue(func() *table {
			return newTable(betaVulnerabilities(rows("vulnerabilities"), version, literal), nil)
		}),
		vulnComponents: indexed("vulnerabilityComponents", metaKey("_vulnerability")),
	}
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

// megabyte is the 1 MB value a "_megabyte": "prop" row gets in prop (the hostile host
// evil-data.fault.test), so the data files need not hold it: escape sequences first, then
// plain text, so a client that fails to truncate or sanitise shows it. It is built once, when
// that host is first asked for (table.get), never at process start; every table shares it
// (read-only).
var megabyte struct {
	once  sync.Once
	value string
	raw   json.RawMessage
}

func megabyteField() (string, json.RawMessage) {
	megabyte.once.Do(func() {
		const link, end = "\x1b]8;;https://evil.example/\x07", "\x1b]8;;\x07"
		body := strings.Repeat("A", 1<<20)
		megabyte.value = link + body + end
		// What json.Marshal writes for it, without escaping a megabyte byte by byte.
		megabyte.raw = json.RawMessage(`"\u001b]8;;https://evil.example/\u0007` + body + `\u001b]8;;\u0007"`)
	})
	return megabyte.value, megabyte.raw
}

func expandMegabyte(e *entity) {
	prop, ok := e.meta["_megabyte"].(string)
	if !ok {
		return
	}
	value, raw := megabyteField()
	e.set(prop, raw, value)
}
