package lookup

import (
	"context"
	"fmt"

	"github.com/mdti-cli/mdti/internal/graph"
)

// workCollections sends the first page of every input of a unit as one JSON batch, then
// reads on each input's collection in input order: its later pages, if it needs them,
// are GETs of its @odata.nextLink (same host only, as for any page).
func (e *Engine) workCollections(ctx context.Context, u unit, out *ordered) {
	cols := make([]Collection, 0, len(u))
	reqs := make([]graph.BatchRequest, 0, len(u))
	for _, it := range u {
		c := e.Collection(it.in)
		cols = append(cols, c)
		reqs = append(reqs, graph.BatchRequest{Method: "GET", URL: c.firstPageURL()})
	}
	results, batchErr := e.Client.Batch(ctx, reqs)
	for k, it := range u {
		err := e.collectionOutcome(ctx, cols[k], k, results, batchErr, func(rec []byte) error { return out.emit(it.i, rec) })
		e.step(err)
		out.finish(it.i, err)
	}
}

// collectionOutcome reads the collection whose first page is results[k]. Errors name the
// page as Collect's do.
func (e *Engine) collectionOutcome(ctx context.Context, c Collection, k int, results []graph.BatchResult, batchErr error, emit func([]byte) error) error {
	if k >= len(results) || results[k].Err == nil && results[k].Status == 0 {
		if batchErr == nil {
			batchErr = ErrNoBatchAnswer
		}
		return batchErr
	}
	if results[k].Err != nil {
		return fmt.Errorf("page 1: %w", results[k].Err)
	}
	page, next, err := graph.DecodePage(results[k].Body)
	if err != nil {
		return fmt.Errorf("page 1: %w", err)
	}
	return collectFrom(ctx, e.Client, c, page, next, emit)
}
