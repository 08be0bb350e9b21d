package emulator

// searchKind says which $search syntax a collection takes (search.go).
type searchKind int

const (
	searchNone  searchKind = iota // $search is refused
	searchText                    // one term over title, summary and tags (articles, profiles)
	searchWhois                   // "field/path:value" over contact fields and name servers
	searchCert                    // "field/path:value" over certificate fields
)

// resource is what a path resolved to: one entity or a collection, plus how Graph
// describes and lets clients shape it.
type resource struct {
	typeName string    // schema type for $select/$filter/$orderby checks
	typ      *typeInfo // the type of a registry set; nil for threat intelligence (typeProperties)
	context  string    // @odata.context after "$metadata#", without $entity or the select list
	single   *entity
	wrap     bool // the documented example wraps this entity in {"value": {...}}

	collection     bool
	items          []*entity
	stream         *pdnsStream // the synthetic big.pdns.test history
	countOnly      bool        // the path ended in /$count
	search         searchKind
	searchRequired bool
	expandable     map[string]func(*entity) *entity // $expand property → expander
}

func one(typeName, context string, e *entity) *resource {
	return &resource{typeName: typeName, context: context, single: e}
}

func many(typeName, context string, items []*entity) *resource {
	return &resource{typeName: typeName, context: context, collection: true, items: items}
}

// schema is the type the query options are checked against.
func (r *resource) schema() typeInfo {
	if r.typ != nil {
		return *r.typ
	}
	return typeInfo{name: r.typeName, namespace: securityNS, props: typeProperties.Get()[r.typeName]}
}
