package emulator

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/lazy"
)

const tiContext = "security/threatIntelligence/"

// wrappedSingles lists, per version, the entity sets whose documented single-entity example is
// wrapped in {"value": {...}} (endpoints.md). The emulator reproduces the quirk.
var wrappedSingles = lazy.Value[map[string]map[string]bool]{New: func() map[string]map[string]bool {
	return map[string]map[string]bool{
		"v1.0": {"hostPorts": true, "hostSslCertificates": true, "sslCertificates": true, "subdomains": true, "passiveDnsRecords": true},
		"beta": {"hosts": true, "hostPorts": true, "hostSslCertificates": true, "sslCertificates": true, "subdomains": true, "vulnerabilities": true},
	}
}}

// resolveTI maps the tokens after security/threatIntelligence to a resource.
func (e *Emulator) resolveTI(row *EntitySet, d *dataset, version string, toks []token) (*resource, *apiError) {
	toks, countOnly := trimCount(toks)
	res, ae := e.resolvePath(row, d, toks)
	if ae != nil {
		return nil, ae
	}
	if countOnly {
		if !res.collection {
			return nil, badRequest("$count is only supported on collections.")
		}
		res.countOnly = true
	}
	if e.docsLiteral() && res.single != nil && len(toks) == 2 { // set/{id} only, not hosts/{id}/reputation
		res.wrap = wrappedSingles.Get()[version][toks[0].text] || (toks[0].text == "passiveDnsRecord" && wrappedSingles.Get()[version]["passiveDnsRecords"])
	}
	return res, nil
}

// trimCount removes a trailing /$count path segment.
func trimCount(toks []token) ([]token, bool) {
	if n := len(toks); n > 0 && toks[n-1].text == "$count" && !toks[n-1].isKey {
		return toks[:n-1], true
	}
	return toks, false
}

func (e *Emulator) resolvePath(row *EntitySet, d *dataset, toks []token) (*resource, *apiError) {
	set := toks[0].text
	if len(toks) == 1 {
		return resolveList(row, d)
	}
	key := toks[1].text
	rest := toks[2:]
	switch set {
	case "hosts":
		return resolveHost(d, key, rest)
	case "articles":
		return resolveArticle(d, key, rest)
	case "intelProfiles":
		return resolveProfile(d, key, rest)
	case "sslCertificates":
		return resolveCertificate(d, key, rest)
	case "vulnerabilities":
		return resolveVulnerability(d, key, rest)
	case "whoisRecords", "whoisRecord":
		return resolveWhoisRecord(d, set, key, rest)
	}
	if len(rest) > 0 {
		return nil, segmentNotFound(rest[0].text)
	}
	return resolveByID(d, set, key)
}

func segmentNotFound(seg string) *apiError {
	return notFound("Resource not found for the segment '%s'.", seg)
}

// resolveList serves GET on a threat-intelligence root as the row's list policy says.
func resolveList(row *EntitySet, d *dataset) (*resource, *apiError) {
	set := row.ti.set
	switch row.List {
	case ListNotSupported:
		return nil, badRequest("List retrieval is not yet supported for '%s'.", set)
	case ListSearchRequired:
		r := many(row.Type, tiContext+set, row.ti.list(d))
		r.search, r.searchRequired = row.ti.search, true
		return r, nil
	}
	r := many(row.Type, tiContext+set, row.ti.list(d))
	r.search = row.ti.search
	return r, nil
}

// byIDSets are entity sets only addressable by id: set name → table and type.
type byIDSet struct {
	table    func(*dataset) *table
	typeName string
	context  string
}

var byIDSets = lazy.Value[map[string]byIDSet]{New: func() map[string]byIDSet {
	return map[string]byIDSet{
		"hostComponents":                {func(d *dataset) *table { return d.components() }, "hostComponent", "hostComponents"},
		"hostCookies":                   {func(d *dataset) *table { return d.cookies() }, "hostCookie", "hostCookies"},
		"hostPairs":                     {func(d *dataset) *table { return d.pairsByParent() }, "hostPair", "hostPairs"},
		"hostPorts":                     {func(d *dataset) *table { return d.ports() }, "hostPort", "hostPorts"},
		"hostSslCertificates":           {func(d *dataset) *table { return d.hostCerts() }, "hostSslCertificate", "hostSslCertificates"},
		"hostTrackers":                  {func(d *dataset) *table { return d.trackers() }, "hostTracker", "hostTrackers"},
		"articleIndicators":             {func(d *dataset) *table { return d.articleIndicators() }, "articleIndicator", "articleIndicators"},
		"intelligenceProfileIndicators": {func(d *dataset) *table { return d.profileIndicators() }, "intelligenceProfileIndicator", "intelProfileIndicators"},
		"intelProfileIndicators":        {func(d *dataset) *table { return d.profileIndicators() }, "intelligenceProfileIndicator", "intelProfileIndicators"},
		"passiveDnsRecords":             {func(d *dataset) *table { return d.pdnsForward() }, "passiveDnsRecord", "passiveDnsRecords"},
		"passiveDnsRecord":              {func(d *dataset) *table { return d.pdnsForward() }, "passiveDnsRecord", "passiveDnsRecords"},
		"passiveDns":                    {func(d *dataset) *table { return d.pdnsForward() }, "passiveDnsRecord", "passiveDnsRecords"},
		"subdomains":                    {func(d *dataset) *table { return d.subdomains() }, "subdomain", "subdomains"},
		"whoisHistoryRecord":            {func(d *dataset) *table { return d.whoisHistory() }, "whoisHistoryRecord", "whoisHistoryRecords"},
		"whoisHistoryRecords":           {func(d *dataset) *table { return d.whoisHistory() }, "whoisHistoryRecord", "whoisHistoryRecords"},
	}
}}

func resolveByID(d *dataset, set, key string) (*resource, *apiError) {
	s, ok := byIDSets.Get()[set]
	if !ok {
		return nil, segmentNotFound(set)
	}
	ent, ok := s.table(d).get(key)
	if !ok {
		return nil, notFound("No %s with id '%s' was found.", s.typeName, key)
	}
	r := one(s.typeName, tiContext+s.context, ent)
	if set == "hostPorts" {
		r.expandable = portExpanders(d)
	}
	return r, nil
}

// hostRelations are the host collections that are a plain lookup by host key.
type hostRelation struct {
	table    func(*dataset) *table
	typeName string
}

var hostRelations = lazy.Value[map[string]hostRelation]{New: func() map[string]hostRelation {
	return map[string]hostRelation{
		"components":        {func(d *dataset) *table { return d.components() }, "hostComponent"},
		"cookies":           {func(d *dataset) *table { return d.cookies() }, "hostCookie"},
		"trackers":          {func(d *dataset) *table { return d.trackers() }, "hostTracker"},
		"ports":             {func(d *dataset) *table { return d.ports() }, "hostPort"},
		"sslCertificates":   {func(d *dataset) *table { return d.hostCerts() }, "hostSslCertificate"},
		"subdomains":        {func(d *dataset) *table { return d.subdomains() }, "subdomain"},
		"passiveDns":        {func(d *dataset) *table { return d.pdnsForward() }, "passiveDnsRecord"},
		"passiveDnsReverse": {func(d *dataset) *table { return d.pdnsReverse() }, "passiveDnsRecord"},
		"childHostPairs":    {func(d *dataset) *table { return d.pairsByParent() }, "hostPair"},
		"parentHostPairs":   {func(d *dataset) *table { return d.pairsByChild() }, "hostPair"},
	}
}}

func resolveHost(d *dataset, key string, rest []token) (*resource, *apiError) {
	if isBulkHost(key) {
		return resolveBulkHost(key, rest)
	}
	host, ok := d.hosts().get(strings.ToLower(key))
	if !ok {
		return nil, notFound("Host '%s' was not found.", key)
	}
	hostCtx := tiContext + keySegment("hosts", key)
	if len(rest) == 0 {
		return one("host", tiContext+"hosts", host), nil
	}
	rel := rest[0].text
	if len(rest) > 1 && !(rel == "whois" && len(rest) == 2 && rest[1].text == "history") {
		return nil, segmentNotFound(rest[1].text)
	}
	switch rel {
	case "reputation":
		rep := d.reputations().of(key)
		if len(rep) == 0 {
			return nil, notFound("No reputation for host '%s'.", key)
		}
		return one("hostReputation", hostCtx+"/reputation", rep[0]), nil
	case "whois":
		return resolveHostWhois(d, key, hostCtx, len(rest) == 2)
	case "hostPairs":
		return many("hostPair", hostCtx+"/hostPairs", unionByID(d.pairsByParent().of(key), d.pairsByChild().of(key))), nil
	}
	r, ok := hostRelations.Get()[rel]
	if !ok {
		return nil, segmentNotFound(rel)
	}
	res := many(r.typeName, hostCtx+"/"+rel, r.table(d).of(key))
	if rel == "ports" {
		res.expandable = portExpanders(d)
	}
	if rel == "passiveDns" && strings.EqualFold(key, bigPDNSHost) {
		res.stream = &pdnsStream{}
	}
	return res, nil
}

func resolveHostWhois(d *dataset, key, hostCtx string, history bool) (*resource, *apiError) {
	recs := d.whois().of(key)
	if len(recs) == 0 {
		return nil, notFound("No WHOIS record for host '%s'.", key)
	}
	if history {
		return many("whoisHistoryRecord", hostCtx+"/whois/history", d.whoisHistory().of(recs[0].id())), nil
	}
	return one("whoisRecord", hostCtx+"/whois", recs[0]), nil
}

func resolveArticle(d *dataset, key string, rest []token) (*resource, *apiError) {
	a, ok := d.articles().get(key)
	if !ok {
		return nil, notFound("No article with id '%s' was found.", key)
	}
	switch {
	case len(rest) == 0:
		return one("article", tiContext+"articles", a), nil
	case len(rest) == 1 && rest[0].text == "indicators":
		return many("articleIndicator", tiContext+keySegment("articles", key)+"/indicators", d.articleIndicators().of(key)), nil
	}
	return nil, segmentNotFound(rest[0].text)
}

func resolveProfile(d *dataset, key string, rest []token) (*resource, *apiError) {
	p, ok := d.profiles().get(key)
	if !ok {
		return nil, notFound("No intelligenceProfile with id '%s' was found.", key)
	}
	switch {
	case len(rest) == 0:
		return one("intelligenceProfile", tiContext+"intelProfiles", p), nil
	case len(rest) == 1 && rest[0].text == "indicators":
		return many("intelligenceProfileIndicator", tiContext+keySegment("intelProfiles", key)+"/indicators", d.profileIndicators().of(key)), nil
	}
	return nil, segmentNotFound(rest[0].text)
}

func resolveCertificate(d *dataset, key string, rest []token) (*resource, *apiError) {
	c, ok := d.certs().get(key)
	if !ok {
		return nil, notFound("No sslCertificate with id '%s' was found.", key)
	}
	switch {
	case len(rest) == 0:
		return one("sslCertificate", tiContext+"sslCertificates", c), nil
	case len(rest) == 1 && rest[0].text == "relatedHosts":
		return many("host", tiContext+keySegment("sslCertificates", key)+"/relatedHosts", relatedHosts(d, key)), nil
	}
	return nil, segmentNotFound(rest[0].text)
}

// relatedHosts lists the hosts whose hostSslCertificates name the certificate.
func relatedHosts(d *dataset, certID string) []*entity {
	var out []*entity
	seen := map[string]bool{}
	for _, hc := range d.certHosts().of(certID) {
		id := strings.ToLower(hc.navID("host"))
		if h, ok := d.hosts().get(id); ok && !seen[id] {
			seen[id] = true
			out = append(out, h)
		}
	}
	return out
}

func resolveVulnerability(d *dataset, key string, rest []token) (*resource, *apiError) {
	v, ok := lookupVulnerability(d, key)
	if !ok {
		return nil, notFound("No vulnerability with id '%s' was found.", key)
	}
	ctx := tiContext + keySegment("vulnerabilities", v.id())
	switch {
	case len(rest) == 0:
		return one("vulnerability", tiContext+"vulnerabilities", v), nil
	case rest[0].text == "components" && len(rest) == 1:
		return many("vulnerabilityComponent", ctx+"/components", d.vulnComponents().of(v.id())), nil
	case rest[0].text == "components" && len(rest) == 2:
		return vulnerabilityComponent(d, v.id(), rest[1].text, ctx)
	case rest[0].text == "articles" && len(rest) == 1:
		return many("article", ctx+"/articles", vulnerabilityArticles(d, v)), nil
	}
	return nil, segmentNotFound(rest[len(rest)-1].text)
}

// lookupVulnerability accepts CVE ids in any case: the docs write both CVE-2021-44228 and
// cve-2021-44228.
func lookupVulnerability(d *dataset, key string) (*entity, bool) {
	if v, ok := d.vulns().get(key); ok {
		return v, true
	}
	return d.vulns().get(strings.ToUpper(key))
}

func vulnerabilityComponent(d *dataset, vulnID, compID, ctx string) (*resource, *apiError) {
	for _, c := range d.vulnComponents().of(vulnID) {
		if c.id() == compID {
			return one("vulnerabilityComponent", ctx+"/components", c), nil
		}
	}
	return nil, notFound("No vulnerabilityComponent with id '%s' was found.", compID)
}

func vulnerabilityArticles(d *dataset, v *entity) []*entity {
	ids, _ := v.meta["_articles"].([]any)
	var out []*entity
	for _, id := range ids {
		s, _ := id.(string)
		if a, ok := d.articles().get(s); ok {
			out = append(out, a)
		}
	}
	return out
}

func resolveWhoisRecord(d *dataset, set, key string, rest []token) (*resource, *apiError) {
	rec, ok := d.whois().get(key)
	if !ok {
		return nil, notFound("No whoisRecord with id '%s' was found.", key)
	}
	switch {
	case len(rest) == 0:
		return one("whoisRecord", tiContext+"whoisRecords", rec), nil
	case len(rest) == 1 && rest[0].text == "history":
		return many("whoisHistoryRecord", tiContext+keySegment("whoisRecords", key)+"/history", d.whoisHistory().of(key)), nil
	}
	return nil, segmentNotFound(rest[0].text)
}

// portExpanders lets $expand=mostRecentSslCertificate replace the stub with the certificate.
func portExpanders(d *dataset) map[string]func(*entity) *entity {
	return map[string]func(*entity) *entity{
		"mostRecentSslCertificate": func(port *entity) *entity {
			cert, ok := d.certs().get(port.navID("mostRecentSslCertificate"))
			if !ok {
				return port
			}
			c := port.clone()
			c.set("mostRecentSslCertificate", cert.appendJSON(nil, nil), cert.fields)
			return c
		},
	}
}

// unionByID merges two lists keeping the first occurrence of each id.
func unionByID(a, b []*entity) []*entity {
	seen := map[string]bool{}
	out := make([]*entity, 0, len(a)+len(b))
	for _, l := range [][]*entity{a, b} {
		for _, e := range l {
			if !seen[e.id()] {
				seen[e.id()] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// keySegment renders set('key') as OData writes it in @odata.context.
func keySegment(set, key string) string {
	return set + "('" + strings.ReplaceAll(key, "'", "''") + "')"
}
