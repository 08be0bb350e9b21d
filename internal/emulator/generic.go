package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// resolveSet maps the tokens after a generic row's root to a resource (GET).
func (e *Emulator) resolveSet(st *setState, version string, rest []token) (*resource, *apiError) {
	rest, countOnly := trimCount(rest)
	res, ae := e.resolveSetPath(st, version, rest)
	if ae != nil {
		return nil, ae
	}
	if countOnly {
		if !res.collection {
			return nil, badRequest("$count is only supported on collections.")
		}
		res.countOnly = true
	}
	return res, nil
}

func (e *Emulator) resolveSetPath(st *setState, version string, rest []token) (*resource, *apiError) {
	row := &st.row
	switch len(rest) {
	case 0:
		if row.List == ListNotSupported {
			return nil, badRequest("List retrieval is not yet supported for '%s'.", lastSegment(row.Root))
		}
		res := &resource{typeName: row.Type, typ: st.typ, context: row.Root, collection: true, items: st.items(e, version)}
		res.searchRequired = row.List == ListSearchRequired
		if res.searchRequired {
			res.search = searchText
		}
		res.expandable = e.navExpanders(st, version)
		return res, nil
	case 1:
		ent, ok := st.get(e, version, rest[0].text)
		if !ok {
			return nil, notFound("No %s with id '%s' was found.", row.Type, rest[0].text)
		}
		res := &resource{typeName: row.Type, typ: st.typ, context: row.Root, single: ent}
		res.expandable = e.navExpanders(st, version)
		return res, nil
	case 2:
		return e.resolveSetProperty(st, version, rest[0].text, rest[1].text)
	}
	return nil, segmentNotFound(rest[2].text)
}

// resolveSetProperty serves root/{id}/{name}: a navigation or a collection-valued property.
func (e *Emulator) resolveSetProperty(st *setState, version, key, name string) (*resource, *apiError) {
	ent, ok := st.get(e, version, key)
	if !ok {
		return nil, notFound("No %s with id '%s' was found.", st.row.Type, key)
	}
	ctx := keyedRoot(st.row.Root, key) + "/" + name
	if nav, ok := st.row.Navigations[name]; ok {
		target := e.sets.rows[nav.Set]
		if target == nil {
			return nil, segmentNotFound(name)
		}
		res := &resource{typeName: target.row.Type, typ: target.typ, context: ctx, collection: true, items: related(e, target, version, nav.ForeignKey, key)}
		res.expandable = e.navExpanders(target, version)
		return res, nil
	}
	if ap, ok := st.row.Appendable[name]; ok {
		ns, typ := splitQualified(ap.ItemType)
		return &resource{typeName: typ, typ: &typeInfo{name: typ, namespace: ns, open: true}, context: ctx, collection: true, items: arrayItems(ent, name)}, nil
	}
	return nil, segmentNotFound(name)
}

// keyedRoot renders root('key') as @odata.context writes it.
func keyedRoot(root, key string) string {
	i := strings.LastIndexByte(root, '/')
	return root[:i+1] + keySegment(root[i+1:], key)
}

func lastSegment(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

func splitQualified(t string) (ns, name string) {
	i := strings.LastIndexByte(t, '.')
	return t[:i+1], t[i+1:]
}

// related lists the entities of target whose fk property equals key.
func related(e *Emulator, target *setState, version, fk, key string) []*entity {
	var out []*entity
	for _, it := range target.items(e, version) {
		if v, _ := it.fields[fk].(string); v == key {
			out = append(out, it)
		}
	}
	return out
}

// navExpanders lets $expand=name embed a navigation's entities in each entity.
func (e *Emulator) navExpanders(st *setState, version string) map[string]func(*entity) *entity {
	if len(st.row.Navigations) == 0 {
		return nil
	}
	out := map[string]func(*entity) *entity{}
	for name, nav := range st.row.Navigations {
		target := e.sets.rows[nav.Set]
		if target == nil {
			continue
		}
		out[name] = func(ent *entity) *entity {
			buf := []byte{'['}
			for i, it := range related(e, target, version, nav.ForeignKey, ent.id()) {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = it.appendJSON(buf, nil)
			}
			buf = append(buf, ']')
			var val any
			_ = json.Unmarshal(buf, &val)
			c := ent.clone()
			c.set(name, buf, val)
			return c
		}
	}
	return out
}

// arrayItems returns the objects of an array property as entities.
func arrayItems(ent *entity, prop string) []*entity {
	var list []json.RawMessage
	_ = json.Unmarshal(ent.raw[prop], &list)
	out := make([]*entity, 0, len(list))
	for _, raw := range list {
		if it, err := parseEntity(raw); err == nil {
			out = append(out, it)
		}
	}
	return out
}

// serveSetWrite answers PATCH, POST and DELETE on a generic row.
func (e *Emulator) serveSetWrite(w http.ResponseWriter, r *http.Request, version string, st *setState, rest []token) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	var ae *apiError
	switch {
	case r.Method == http.MethodPatch && len(rest) == 1 && st.row.Methods&MethodPatch != 0:
		ae = e.patchEntity(w, r, version, st, rest[0].text, body)
	case r.Method == http.MethodDelete && len(rest) == 1 && st.row.Methods&MethodDelete != 0:
		ae = e.deleteEntity(w, r, version, st, rest[0].text)
	case r.Method == http.MethodPost && len(rest) == 0 && st.row.Methods&MethodPost != 0:
		ae = e.createEntity(w, r, version, st, body)
	case len(rest) == 1 && st.row.bound[rest[0].text] != nil && !rest[0].isKey:
		ae = e.runBound(w, r, version, st, st.row.bound[rest[0].text], "", body)
	case len(rest) == 2 && st.row.boundEntity[rest[1].text] != nil:
		ae = e.runBound(w, r, version, st, st.row.boundEntity[rest[1].text], rest[0].text, body)
	case r.Method == http.MethodPost && len(rest) == 2 && hasAppendable(st, rest[1].text):
		ae = e.appendItem(w, r, version, st, rest[0].text, rest[1].text, body)
	default:
		ae = methodNotAllowed(r.Method)
	}
	if ae != nil {
		e.writeAPIError(w, r, ae)
	}
}

func hasAppendable(st *setState, name string) bool {
	_, ok := st.row.Appendable[name]
	return ok
}

func methodNotAllowed(method string) *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, code: "Request_BadRequest", message: "The HTTP method '" + method + "' is not allowed for this resource."}
}

// patchEntity merges the body's top-level properties into the entity and answers 200 with
// the updated entity (security-alert-update.md, security-incident-update.md).
func (e *Emulator) patchEntity(w http.ResponseWriter, r *http.Request, version string, st *setState, id string, body []byte) *apiError {
	if st.row.Update != nil {
		return e.patchByRule(w, r, version, st, id, body)
	}
	patch, ae := parseBodyObject(body, st.typ)
	if ae != nil {
		return ae
	}
	if v, ok := patch.fields["id"]; ok && v != id {
		return badRequest("The property 'id' cannot be changed.")
	}
	if _, ok := st.get(e, version, id); !ok {
		return notFound("No %s with id '%s' was found.", st.row.Type, id)
	}
	if st.row.onPatch != nil {
		if ae := st.row.onPatch(patch); ae != nil {
			return ae
		}
	}
	st.write(writeOp{kind: writeMerge, id: id, patch: patch})
	ent, _ := st.get(e, version, id)
	e.stampHeaders(w, r)
	if st.row.patchNoContent && !prefersRepresentation(r) {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	writeBody(w, http.StatusOK, singleBody(version, &resource{typeName: st.row.Type, typ: st.typ, context: st.row.Root, single: ent}, &queryOptions{}))
	return nil
}

// deleteEntity removes the entity and answers 204.
func (e *Emulator) deleteEntity(w http.ResponseWriter, r *http.Request, version string, st *setState, id string) *apiError {
	if _, ok := st.get(e, version, id); !ok {
		return notFound("No %s with id '%s' was found.", st.row.Type, id)
	}
	st.write(writeOp{kind: writeDelete, id: id})
	e.stampHeaders(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// createEntity adds the posted entity (with a new id unless it brings one) and answers 201.
func (e *Emulator) createEntity(w http.ResponseWriter, r *http.Request, version string, st *setState, body []byte) *apiError {
	ent, ae := parseBodyObject(body, st.typ)
	if ae != nil {
		return ae
	}
	if st.row.onCreate != nil {
		if ae := st.row.onCreate(e, ent); ae != nil {
			return ae
		}
	}
	if ent.id() == "" {
		ent.setValue("id", e.newRequestID())
		ent.keys = append([]string{"id"}, ent.keys[:len(ent.keys)-1]...)
	}
	if _, taken := st.get(e, version, ent.id()); taken {
		return &apiError{status: http.StatusConflict, code: "Conflict", message: fmt.Sprintf("A %s with id '%s' already exists.", st.row.Type, ent.id())}
	}
	ent.ensureType("#" + st.typ.qualified())
	st.write(writeOp{kind: writeCreate, id: ent.id(), patch: ent})
	e.stampHeaders(w, r)
	writeBody(w, http.StatusCreated, singleBody(version, &resource{typeName: st.row.Type, typ: st.typ, context: st.row.Root, single: ent}, &queryOptions{}))
	return nil
}

// appendItem adds the posted item to a collection-valued property and answers 200 with the
// whole updated collection (security-alert-post-comments.md).
func (e *Emulator) appendItem(w http.ResponseWriter, r *http.Request, version string, st *setState, id, prop string, body []byte) *apiError {
	var item map[string]any
	if err := json.Unmarshal(body, &item); err != nil || item == nil {
		return badRequest("The request body must be a JSON object.")
	}
	if _, ok := st.get(e, version, id); !ok {
		return notFound("No %s with id '%s' was found.", st.row.Type, id)
	}
	delete(item, "@odata.type")
	if stamp := st.row.Appendable[prop].Stamp; stamp != nil {
		stamp(item, e.opts.Now())
	}
	raw, _ := json.Marshal(item)
	st.write(writeOp{kind: writeAppend, id: id, prop: prop, item: raw})
	res, ae := e.resolveSetProperty(st, version, id, prop)
	if ae != nil {
		return ae
	}
	e.stampHeaders(w, r)
	p := page{start: 0, end: len(res.items)}
	buf := collectionHead(version, res, &queryOptions{}, len(res.items), p, r)
	for i, it := range res.items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = it.appendJSON(buf, nil)
	}
	writeBody(w, http.StatusOK, append(buf, "]}"...))
	return nil
}

// parseBodyObject reads a request body as an entity, checking its property names against
// the type ("@odata.type" is always allowed).
func parseBodyObject(body []byte, t *typeInfo) (*entity, *apiError) {
	ent, err := parseEntity(body)
	if err != nil {
		return nil, badRequest("The request body must be a JSON object.")
	}
	for _, k := range ent.keys {
		if k != "@odata.type" && !t.has(k) {
			return nil, badRequest("The property '%s' does not exist on type '%s'.", k, t.qualified())
		}
	}
	return ent, nil
}
