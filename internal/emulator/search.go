package emulator

import (
	"strings"
)

// searchQuery is a parsed $search: an optional field path and the value to match.
type searchQuery struct {
	kind  searchKind
	path  []string // nil: any searchable field
	value string
}

// whoisSearchFields are the fields the List whoisRecords page lets $search name.
var whoisSearchFields = []string{"abuse", "admin", "billing", "nameservers", "noc", "registrant", "registrar", "technical", "zone"}

// certSearchRoots are the fields the List sslCertificates page lets $search name; issuer
// and subject take sub-paths (issuer/commonName). "name" is the beta page's extra field.
var certSearchRoots = []string{"fingerprint", "issuer", "subject", "serialNumber", "sha1", "name"}

func searchExample(k searchKind) string {
	if k == searchCert {
		return "subject/commonName:microsoft.com"
	}
	return "admin/address/state:WA"
}

// parseSearch reads a $search value: "field/path:value" for whois and certificates (one
// field only), a single term for articles and profiles. Surrounding quotes are optional.
func parseSearch(kind searchKind, raw string) (*searchQuery, *apiError) {
	v := strings.TrimSpace(raw)
	if len(v) >= 2 && strings.HasPrefix(v, `"`) && strings.HasSuffix(v, `"`) {
		v = v[1 : len(v)-1]
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, badRequest("$search must not be empty.")
	}
	if kind == searchText {
		return &searchQuery{kind: kind, value: strings.ToLower(v)}, nil
	}
	field, value, qualified := strings.Cut(v, ":")
	if !qualified || strings.ContainsAny(field, " \t") {
		field, value = "", v
	}
	if strings.Contains(value, " AND ") || strings.Contains(value, " OR ") {
		return nil, badRequest("$search supports searching by one field only.")
	}
	q := &searchQuery{kind: kind, value: strings.ToLower(strings.TrimSpace(value))}
	if field == "" {
		return q, nil
	}
	q.path = strings.Split(field, "/")
	if !searchableRoot(kind, q.path[0]) {
		return nil, badRequest("'%s' is not a searchable field for this resource.", field)
	}
	return q, nil
}

func searchableRoot(kind searchKind, root string) bool {
	roots := whoisSearchFields
	if kind == searchCert {
		roots = certSearchRoots
	}
	for _, r := range roots {
		if r == root {
			return true
		}
	}
	return false
}

func (q *searchQuery) match(e *entity) bool {
	switch q.kind {
	case searchText:
		return textMatch(e, q.value)
	case searchCert:
		return q.matchCert(e)
	}
	return q.matchWhois(e)
}

// textMatch looks for the term in title, summary, tags and aliases.
func textMatch(e *entity, term string) bool {
	var texts []string
	collectStrings(e.fields["title"], &texts)
	if m, ok := e.fields["summary"].(map[string]any); ok {
		collectStrings(m["content"], &texts)
	}
	collectStrings(e.fields["tags"], &texts)
	collectStrings(e.fields["aliases"], &texts)
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), term) {
			return true
		}
	}
	return false
}

// matchWhois compares the value with every string under the field (or under every
// searchable field), case-insensitively and exactly; name servers match by host id.
func (q *searchQuery) matchWhois(e *entity) bool {
	roots := whoisSearchFields
	if q.path != nil {
		roots = []string{q.path[0]}
	}
	for _, root := range roots {
		path := []string{root}
		if q.path != nil {
			path = q.path
		}
		if anyStringEquals(lookupLoose(e.fields, path), q.value) {
			return true
		}
	}
	return false
}

func (q *searchQuery) matchCert(e *entity) bool {
	if q.path == nil {
		for _, root := range certSearchRoots {
			if (&searchQuery{kind: searchCert, path: []string{root}, value: q.value}).matchCert(e) {
				return true
			}
		}
		return false
	}
	switch q.path[0] {
	case "fingerprint":
		fp, _ := e.fields["fingerprint"].(string)
		return strings.EqualFold(strings.ReplaceAll(fp, ":", ""), strings.ReplaceAll(q.value, ":", ""))
	case "name":
		subject := lookupLoose(e.fields, []string{"subject"})
		m, _ := subject.(map[string]any)
		return anyStringEquals(m["commonName"], q.value) || anyStringEquals(m["alternateName"], q.value) || anyStringEquals(m["alternateNames"], q.value)
	}
	if anyStringEquals(lookupLoose(e.fields, q.path), q.value) {
		return true
	}
	alias := alternateNamesAlias(q.path)
	return alias != nil && anyStringEquals(lookupLoose(e.fields, alias), q.value)
}

// alternateNamesAlias maps .../alternateName to .../alternateNames and back, so a search
// written either way finds certificates in both modes (the examples spell it alternateName,
// the resource table alternateNames).
func alternateNamesAlias(path []string) []string {
	last := path[len(path)-1]
	alias := map[string]string{"alternateName": "alternateNames", "alternateNames": "alternateName"}[last]
	if alias == "" {
		return nil
	}
	return append(append([]string(nil), path[:len(path)-1]...), alias)
}

// lookupLoose follows a path through objects and through arrays of objects.
func lookupLoose(v any, path []string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var out []any
			for _, it := range x {
				out = append(out, lookupLoose(it, []string{p}))
			}
			v = out
		default:
			return nil
		}
	}
	return v
}

func anyStringEquals(v any, want string) bool {
	var all []string
	collectStrings(v, &all)
	for _, s := range all {
		if strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

// collectStrings gathers every string leaf under v.
func collectStrings(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case []any:
		for _, it := range x {
			collectStrings(it, out)
		}
	case map[string]any:
		for _, it := range x {
			collectStrings(it, out)
		}
	}
}
