package emulator

// tiRow is how a threat-intelligence row is served: from the shared data files, with the
// relations resolve.go derives (hosts/{id}/passiveDns, certificates' relatedHosts, ...).
type tiRow struct {
	set    string                   // the set's name under security/threatIntelligence
	list   func(*dataset) []*entity // the items of GET root, for listable rows
	search searchKind
}

const tiRoot = "security/threatIntelligence/"

// tiSets are the threat-intelligence rows: read-only, in the security namespace. Only
// articles and intelProfiles list freely; sslCertificates and whoisRecords list with
// $search; the docs say "List retrieval is not yet supported" of the others.
func tiSets() []EntitySet {
	row := func(set, typ string, list ListPolicy, items func(*dataset) []*entity, search searchKind) EntitySet {
		return EntitySet{Root: tiRoot + set, Type: typ, Namespace: NamespaceSecurity, List: list,
			ti: &tiRow{set: set, list: items, search: search}}
	}
	listOf := func(t func(*dataset) *table) func(*dataset) []*entity {
		return func(d *dataset) []*entity { return t(d).list }
	}
	sets := []EntitySet{
		row("hosts", "host", ListNotSupported, nil, searchNone),
		row("vulnerabilities", "vulnerability", ListNotSupported, nil, searchNone),
		row("articles", "article", Listable, listOf(func(d *dataset) *table { return d.articles() }), searchText),
		row("intelProfiles", "intelligenceProfile", Listable, listOf(func(d *dataset) *table { return d.profiles() }), searchText),
		row("sslCertificates", "sslCertificate", ListSearchRequired, listOf(func(d *dataset) *table { return d.certs() }), searchCert),
		row("whoisRecords", "whoisRecord", ListSearchRequired, listOf(func(d *dataset) *table { return d.whois() }), searchWhois),
		row("whoisRecord", "whoisRecord", ListNotSupported, nil, searchNone),
	}
	for name, s := range byIDSets.Get() {
		sets = append(sets, row(name, s.typeName, ListNotSupported, nil, searchNone))
	}
	return sets
}
