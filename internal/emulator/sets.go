package emulator

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

// setStates is one Emulator's view of the registry: its rows by root, its actions, and the
// writable state of every generic set. Writes are kept per instance, so two emulators never
// see each other's PATCH, POST or DELETE.
type setStates struct {
	e       *Emulator
	rows    map[string]*setState // by Root
	actions map[string]ActionHandler
}

// setState is one row with its data per API version and the journal of writes made to
// it. A version's data is loaded on its first request (sync.Once), then the journal is
// replayed over it, so a write made through v1.0 shows through beta as well.
type setState struct {
	row      EntitySet
	typ      *typeInfo
	versions map[string]*setData // by version and mode (dataKey)

	mu      sync.Mutex // guards journal and every version's items
	journal []writeOp
}

// setData is a set's entities in one version. The loaded entities are never changed: a
// write replaces an item by a changed copy (copy-on-write).
type setData struct {
	once   sync.Once
	loaded bool
	items  []*entity
}

func newSetStates(e *Emulator) *setStates {
	s := &setStates{e: e, rows: map[string]*setState{}, actions: map[string]ActionHandler{}}
	for _, row := range append(builtinSets(), e.opts.Sets...) {
		st := &setState{row: row, typ: (&row).schema(), versions: map[string]*setData{}}
		for _, v := range []string{"v1.0", "beta"} {
			for _, literal := range []bool{false, true} {
				st.versions[dataKey(v, literal)] = &setData{}
			}
		}
		s.rows[row.Root] = st
	}
	for k, v := range builtinActions.Get() {
		s.actions[k] = v
	}
	for k, v := range e.opts.Actions {
		s.actions[k] = v
	}
	return s
}

// match finds the row whose root the path starts with (the longest) and returns the
// tokens after it.
func (s *setStates) match(toks []token) (*setState, []token, bool) {
	for n := min(len(toks), maxRootDepth); n > 0; n-- {
		parts := make([]string, n)
		keyed := false
		for i, t := range toks[:n] {
			parts[i] = t.text
			keyed = keyed || t.isKey
		}
		if keyed {
			continue
		}
		if st, ok := s.rows[strings.Join(parts, "/")]; ok {
			return st, toks[n:], true
		}
	}
	return nil, nil, false
}

const maxRootDepth = 3 // security/threatIntelligence/hosts

// action finds the handler of a path; "{id}" in a registered path matches any key.
func (s *setStates) action(toks []token) (ActionHandler, bool) {
	for pattern, h := range s.actions {
		parts := strings.Split(pattern, "/")
		if len(parts) != len(toks) {
			continue
		}
		ok := true
		for i, p := range parts {
			if p != "{id}" && (p != toks[i].text || toks[i].isKey) {
				ok = false
				break
			}
		}
		if ok {
			return h, true
		}
	}
	return nil, false
}

// dataKey names a set's data in a version and mode.
func dataKey(version string, literal bool) string {
	if literal {
		return version + " literal"
	}
	return version
}

// items returns a snapshot of the set's entities in a version, loading them on first use.
func (st *setState) items(e *Emulator, version string) []*entity {
	literal := e.docsLiteral()
	d := st.versions[dataKey(version, literal)]
	d.once.Do(func() {
		loaded := st.load(e, version, literal)
		st.mu.Lock()
		defer st.mu.Unlock()
		d.items, d.loaded = loaded, true
		for _, op := range st.journal {
			d.items = op.apply(d.items)
		}
	})
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]*entity(nil), d.items...)
}

// load parses the loader's objects; a malformed object is skipped (the loader's own tests
// catch it), so one bad row cannot take the emulator down.
func (st *setState) load(e *Emulator, version string, literal bool) []*entity {
	if st.row.Load == nil {
		return nil
	}
	var out []*entity
	for _, raw := range st.row.Load(version, literal, e.opts.Now()) {
		ent, err := parseEntity(raw)
		if err != nil || ent.id() == "" {
			continue
		}
		ent.ensureType("#" + st.typ.qualified())
		out = append(out, ent)
	}
	return out
}

// get returns the entity with id in a version.
func (st *setState) get(e *Emulator, version, id string) (*entity, bool) {
	for _, it := range st.items(e, version) {
		if it.id() == id {
			return it, true
		}
	}
	return nil, false
}

// write records op in the journal and applies it to every version already loaded; a
// version loaded later replays the journal.
func (st *setState) write(op writeOp) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.journal = append(st.journal, op)
	for _, v := range sortedVersions(st.versions) {
		d := st.versions[v]
		if d.loaded {
			d.items = op.apply(d.items)
		}
	}
}

func sortedVersions(m map[string]*setData) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writeOp is one change to a set: a merge into an entity, a new entity, a deletion, or an
// item appended to a collection-valued property.
type writeOp struct {
	kind  writeKind
	id    string
	patch *entity // merge: the properties to set; create: the new entity
	prop  string  // append: the property
	item  json.RawMessage
}

type writeKind int

const (
	writeMerge writeKind = iota
	writeCreate
	writeDelete
	writeAppend
)

// apply returns items with the change made; changed entities are copies.
func (op writeOp) apply(items []*entity) []*entity {
	out := make([]*entity, 0, len(items)+1)
	for _, it := range items {
		if it.id() != op.id {
			out = append(out, it)
			continue
		}
		switch op.kind {
		case writeMerge:
			out = append(out, merge(it, op.patch))
		case writeAppend:
			out = append(out, appendTo(it, op.prop, op.item))
		case writeCreate:
			out = append(out, it) // an id taken since: keep the first
		}
	}
	if op.kind == writeCreate && len(out) == len(items) && !hasID(items, op.id) {
		out = append(out, op.patch)
	}
	return out
}

func hasID(items []*entity, id string) bool {
	for _, it := range items {
		if it.id() == id {
			return true
		}
	}
	return false
}

// merge returns a copy of base with patch's top-level properties set.
func merge(base, patch *entity) *entity {
	c := base.clone()
	for _, k := range patch.keys {
		if k == "@odata.type" || k == "id" {
			continue
		}
		c.set(k, patch.raw[k], patch.fields[k])
	}
	return c
}

// appendTo returns a copy of base whose array property prop has item at its end.
func appendTo(base *entity, prop string, item json.RawMessage) *entity {
	var list []json.RawMessage
	if raw, ok := base.raw[prop]; ok {
		_ = json.Unmarshal(raw, &list)
	}
	list = append(list, item)
	raw, _ := json.Marshal(list)
	var val any
	_ = json.Unmarshal(raw, &val)
	c := base.clone()
	c.set(prop, raw, val)
	return c
}
