package lookup

import (
	"context"
	"net/url"
	"strconv"

	"github.com/mdti-cli/mdti/internal/graph"
)

// Collection says how much of a Graph collection to read.
type Collection struct {
	Path  string     // relative to the version root, e.g. graph.TIPath("hosts", key, "cookies")
	Query url.Values // OData options ($filter, $orderby, $select…); not modified
	Limit int        // at most this many records (--limit); ignored with All
	All   bool       // follow @odata.nextLink to the end (--all)
	// Keep filters records on the client side (e.g. --since where Graph documents no
	// $filter); nil keeps all. Filtered-out records do not count toward Limit.
	Keep func(rec []byte) bool
	// Count asks Graph for @odata.count ($count=true), so that Cut can say how many
	// records there are.
	Count bool
	// Cut, if set, is told when Limit cut the collection short: shown records were
	// emitted and more exist; total is @odata.count when the server sent one, else nil.
	Cut func(shown int, total *int64)
}

// Collect streams a collection page by page into emit. Without --all it asks Graph for
// $top=Limit and stops as soon as Limit records were emitted, fetching no further page.
func Collect(ctx context.Context, client *graph.Client, c Collection, emit func(rec []byte) error) error {
	q, bound := c.request()
	s := collecting{c: c}
	for page, err := range client.Pages(ctx, c.Path, q, bound...) {
		if err != nil {
			return err
		}
		if done, err := s.take(page, emit); done || err != nil {
			return err
		}
	}
	return nil
}

// collectRest reads the rest of a collection with GETs from where cur stands, as Collect
// reads it: cur's next page was checked already (Check answers the same again).
func collectRest(ctx context.Context, cur *graph.PageCursor, s *collecting, emit func(rec []byte) error) error {
	for !cur.Done() {
		if err := cur.Check(); err != nil {
			return err
		}
		page, link, err := cur.Fetch(ctx)
		if err != nil {
			return err
		}
		if done, err := s.take(page, emit); done || err != nil {
			return err
		}
		if err := cur.Advance(page, link); err != nil {
			return err
		}
	}
	return nil
}

// firstPageURL is the version-relative URL of the collection's first page, for a $batch.
func (c Collection) firstPageURL() string {
	q, _ := c.request()
	return graph.RelativeURL(c.Path, q)
}

// request is the query of the first page and the bound on the pages to read.
func (c Collection) request() (url.Values, []graph.PageOption) {
	q := url.Values{}
	for k, v := range c.Query {
		q[k] = append([]string(nil), v...)
	}
	var bound []graph.PageOption
	if !c.All && c.Keep == nil {
		q.Set("$top", strconv.Itoa(c.Limit))
		// Limit records never need more than Limit pages; a server that keeps sending
		// links past that is misbehaving, and without --all nobody asked to follow it.
		bound = append(bound, graph.MaxPages(c.Limit+10))
	}
	if c.Count {
		q.Set("$count", "true")
	}
	return q, bound
}

// collecting is one collection being read: what was emitted so far and the total Graph
// said it has.
type collecting struct {
	c     Collection
	n     int
	total *int64
}

// take hands a page's kept records to emit; done says no further page is needed.
func (s *collecting) take(page *graph.Page, emit func(rec []byte) error) (done bool, err error) {
	c := s.c
	if page.Count != nil {
		s.total = page.Count
	}
	for k, rec := range page.Items {
		if c.Keep != nil && !c.Keep(rec) {
			continue
		}
		if !c.All && s.n >= c.Limit {
			c.cut(s.n, s.total, true) // a kept record beyond the limit
			return true, nil
		}
		if err := emit(rec); err != nil {
			return true, err
		}
		s.n++
		if !c.All && s.n >= c.Limit {
			c.cut(s.n, s.total, c.Keep == nil && (k < len(page.Items)-1 || page.More))
			return true, nil
		}
	}
	return false, nil
}

// cut tells Cut that the limit left records unread: more says one was seen (or a page
// follows); a total above shown says so too. With Keep, a total counts records the
// filter may drop, so only a kept record beyond the limit tells.
func (c Collection) cut(shown int, total *int64, more bool) {
	if c.Keep != nil && !more {
		return
	}
	if c.Cut != nil && (more || total != nil && *total > int64(shown)) {
		c.Cut(shown, total)
	}
}
