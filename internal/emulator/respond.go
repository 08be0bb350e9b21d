package emulator

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const metadataBase = "https://graph.microsoft.com/"

// respond applies the query options to a resolved resource and writes it.
func (e *Emulator) respond(w http.ResponseWriter, r *http.Request, version string, res *resource) {
	q, ae := parseQuery(r.URL.RawQuery)
	if ae == nil {
		ae = q.validate(res)
	}
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	e.stampHeaders(w, r)
	switch {
	case res.stream != nil:
		e.writeStream(w, r, version, res, q)
	case res.collection:
		e.writeCollection(w, r, version, res, q)
	default:
		writeBody(w, http.StatusOK, singleBody(version, res, q))
	}
}

// contextURL is the @odata.context of a response, with the $select list the way Graph adds it.
func contextURL(version string, res *resource, q *queryOptions) string {
	ctx := metadataBase + version + "/$metadata#" + res.context
	if q.selectRaw != "" {
		ctx += "(" + strings.Join(sortedKeys(q.selectSet), ",") + ")"
	}
	if !res.collection {
		ctx += "/$entity"
	}
	return ctx
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// singleBody renders one entity, wrapped in "value" where the documentation does so.
func singleBody(version string, res *resource, q *queryOptions) []byte {
	ent := applyExpand(res, q, res.single)
	buf := []byte(`{"@odata.context":`)
	buf = appendJSONString(buf, contextURL(version, res, q))
	if res.wrap {
		buf = append(buf, `,"value":`...)
		buf = ent.appendJSON(buf, selection(q))
		return append(buf, '}')
	}
	body := ent.appendJSON(nil, selection(q))
	if len(body) > 2 {
		buf = append(buf, ',')
	}
	return append(buf, body[1:]...)
}

func selection(q *queryOptions) map[string]bool {
	if len(q.selectSet) == 0 {
		return nil
	}
	return q.selectSet
}

func applyExpand(res *resource, q *queryOptions, ent *entity) *entity {
	for _, p := range q.expand {
		ent = res.expandable[p](ent)
	}
	return ent
}

// writeCollection filters, searches, orders and pages a collection.
func (e *Emulator) writeCollection(w http.ResponseWriter, r *http.Request, version string, res *resource, q *queryOptions) {
	items, ae := selectItems(res, q)
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if res.countOnly {
		writeCount(w, len(items))
		return
	}
	p := newPage(len(items), q, int(e.pageSize.Load()))
	buf := collectionHead(version, res, q, len(items), p, r)
	sel := selection(q)
	for i := p.start; i < p.end; i++ {
		if i > p.start {
			buf = append(buf, ',')
		}
		buf = applyExpand(res, q, items[i]).appendJSON(buf, sel)
	}
	buf = append(buf, "]}"...)
	writeBody(w, http.StatusOK, buf)
}

// selectItems returns the items that pass $filter and $search, in $orderby order.
func selectItems(res *resource, q *queryOptions) ([]*entity, *apiError) {
	items := res.items
	if q.filter != nil || q.hasSearch {
		var s *searchQuery
		if q.hasSearch {
			var ae *apiError
			if s, ae = parseSearch(res.search, q.search); ae != nil {
				return nil, ae
			}
		}
		kept := make([]*entity, 0, len(items))
		for _, it := range items {
			if (q.filter == nil || q.filter.eval(it)) && (s == nil || s.match(it)) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	if len(q.orderby) > 0 {
		items = append([]*entity(nil), items...)
		sortEntities(items, q.orderby)
	}
	return items, nil
}

func writeCount(w http.ResponseWriter, n int) {
	b := strconv.AppendInt(nil, int64(n), 10)
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// page is the window of a collection one response serves.
type page struct {
	start, end int  // item indexes served now
	more       bool // a nextLink is due
}

// newPage serves at most pageSize items of the window [$skip, $skip+$top).
func newPage(total int, q *queryOptions, pageSize int) page {
	start := min(q.skip, total)
	limit := total
	if q.hasTop {
		limit = min(total, start+q.top)
	}
	end := min(limit, start+pageSize)
	return page{start: start, end: end, more: end < limit}
}

// collectionHead writes everything up to the first item of "value".
func collectionHead(version string, res *resource, q *queryOptions, total int, p page, r *http.Request) []byte {
	buf := make([]byte, 0, 4096)
	buf = append(buf, `{"@odata.context":`...)
	buf = appendJSONString(buf, contextURL(version, res, q))
	if q.count {
		buf = append(buf, `,"@odata.count":`...)
		buf = strconv.AppendInt(buf, int64(total), 10)
	}
	if p.more {
		buf = append(buf, `,"@odata.nextLink":`...)
		buf = appendJSONString(buf, nextLink(r, q, p))
	}
	return append(buf, `,"value":[`...)
}

// nextLink is the request's own absolute URL with $skip moved past this page and $top
// reduced by what was served, so following it serves the rest of the original window.
func nextLink(r *http.Request, q *queryOptions, p page) string {
	vals := url.Values{}
	for k, v := range q.values {
		switch strings.ToLower(k) {
		case "$skip", "$skiptoken", "$top":
			continue
		}
		vals[k] = v
	}
	served := p.end - p.start
	vals.Set("$skip", strconv.Itoa(p.end))
	if q.hasTop {
		vals.Set("$top", strconv.Itoa(q.top-served))
	}
	return requestBase(r) + r.URL.EscapedPath() + "?" + encodeQuery(vals)
}

// requestBase is scheme://host of the request, so links work behind 127.0.0.1:PORT.
func requestBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// encodeQuery is url.Values.Encode keeping "$" readable, as Graph's links do.
func encodeQuery(v url.Values) string {
	return strings.ReplaceAll(v.Encode(), "%24", "$")
}
