package lookup

import (
	"context"
	"fmt"

	"github.com/mdti-cli/mdti/internal/graph"
)

// workCollections reads the collections of a unit's inputs together, in rounds: the first
// page of every input in one $batch, then the next page of every input that still needs
// one in the next $batch, as a URL relative to the version root, until none does. Each
// input keeps Collect's rules (its limit, its page checks, its errors); a nextLink the
// version root does not hold is followed with GETs, as Collect follows it. An input is
// finished as soon as its collection is, its records in page order.
func (e *Engine) workCollections(ctx context.Context, u unit, out *ordered) {
	waiting := make([]*reading, 0, len(u))
	for _, it := range u {
		c := e.Collection(it.in)
		waiting = append(waiting, &reading{i: it.i, c: c, s: collecting{c: c}, url: c.firstPageURL(),
			emit: func(rec []byte) error { return out.emit(it.i, rec) }})
	}
	for len(waiting) > 0 {
		reqs := make([]graph.BatchRequest, len(waiting))
		for k, r := range waiting {
			reqs[k] = graph.BatchRequest{Method: "GET", URL: r.url}
		}
		results, batchErr := e.Client.Batch(ctx, reqs)
		next := waiting[:0]
		for k, r := range waiting {
			res, lost := answerAt(results, k, batchErr)
			more, err := r.answer(ctx, e.Client, res, lost)
			if more {
				next = append(next, r)
				continue
			}
			e.step(err)
			out.finish(r.i, err)
		}
		waiting = next
	}
}

// reading is one input's collection being read in batches.
type reading struct {
	i    int // the input's index
	c    Collection
	s    collecting
	cur  *graph.PageCursor // nil until page 1 came
	url  string            // the $batch item of the next round
	emit func(rec []byte) error
}

// answerAt is the answer to reqs[k], or the error that left it unanswered.
func answerAt(results []graph.BatchResult, k int, batchErr error) (graph.BatchResult, error) {
	if k < len(results) && (results[k].Err != nil || results[k].Status != 0) {
		return results[k], nil
	}
	if batchErr == nil {
		batchErr = ErrNoBatchAnswer
	}
	return graph.BatchResult{}, batchErr
}

// answer takes the answer to the page asked for in this round (lost: none came). more says
// the collection needs another page, whose $batch item is now r.url; otherwise err is the
// input's outcome.
func (r *reading) answer(ctx context.Context, client *graph.Client, res graph.BatchResult, lost error) (more bool, err error) {
	if r.cur == nil {
		return r.first(ctx, client, res, lost)
	}
	if lost == nil {
		lost = res.Err
	}
	if lost != nil {
		return false, r.cur.PageError(lost)
	}
	page, link, err := graph.DecodePage(res.Body)
	if err != nil {
		return false, r.cur.PageError(err)
	}
	if done, err := r.s.take(page, r.emit); done || err != nil {
		return false, err
	}
	if err := r.cur.Advance(page, link); err != nil {
		return false, err
	}
	return r.goOn(ctx)
}

// first takes page 1, its errors named as Collect names them; an unanswered page 1 fails
// with the batch's own error.
func (r *reading) first(ctx context.Context, client *graph.Client, res graph.BatchResult, lost error) (more bool, err error) {
	if lost != nil {
		return false, lost
	}
	if res.Err != nil {
		return false, fmt.Errorf("page 1: %w", res.Err)
	}
	page, link, err := graph.DecodePage(res.Body)
	if err != nil {
		return false, fmt.Errorf("page 1: %w", err)
	}
	if done, err := r.s.take(page, r.emit); done || err != nil || link == "" {
		return false, err
	}
	_, bound := r.c.request()
	if r.cur, err = client.ContinuePages(r.url, link, bound...); err != nil {
		return false, err
	}
	return r.goOn(ctx)
}

// goOn readies the next page: a $batch item when the version root holds it, else GETs of
// the rest of the collection, as Collect would send them.
func (r *reading) goOn(ctx context.Context) (more bool, err error) {
	if r.cur.Done() {
		return false, nil
	}
	if err := r.cur.Check(); err != nil {
		return false, err
	}
	if u, ok := r.cur.BatchURL(); ok {
		r.url = u
		return true, nil
	}
	return false, collectRest(ctx, r.cur, &r.s, r.emit)
}
