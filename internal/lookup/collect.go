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
}

// Collect streams a collection page by page into emit. Without --all it asks Graph for
// $top=Limit and stops as soon as Limit records were emitted, fetching no further page.
func Collect(ctx context.Context, client *graph.Client, c Collection, emit func(rec []byte) error) error {
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
	n := 0
	for page, err := range client.Pages(ctx, c.Path, q, bound...) {
		if err != nil {
			return err
		}
		for _, rec := range page.Items {
			if c.Keep != nil && !c.Keep(rec) {
				continue
			}
			if !c.All && n >= c.Limit {
				return nil
			}
			if err := emit(rec); err != nil {
				return err
			}
			n++
		}
		if !c.All && n >= c.Limit {
			return nil
		}
	}
	return nil
}
