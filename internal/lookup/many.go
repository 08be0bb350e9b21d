package lookup

import (
	"context"
	"sync"

	"github.com/mdti-cli/mdti/internal/graph"
)

// unit is a piece of work: one input, or up to BatchSize entity inputs sent as one batch.
type unit struct{ first, last int } // input indexes, inclusive

// runMany fans the inputs out to Concurrency workers and hands their outcomes to the sink
// in input order: the input at the head streams straight through, later ones wait in
// memory, and workers start at most Window inputs past the head.
func (e *Engine) runMany(ctx context.Context, inputs []Input, sink Sink) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(e.Concurrency, 1)
	window := e.Window
	if window <= 0 {
		window = workers * BatchSize * 4
	}
	out := newOrdered(inputs, sink, cancel)
	jobs := make(chan unit)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				e.work(ctx, inputs, u, out)
			}
		}()
	}
	for _, u := range e.units(len(inputs)) {
		if !out.waitForRoom(ctx, u.first, window) {
			break
		}
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	return out.result(ctx)
}

func (e *Engine) units(n int) []unit {
	step := 1
	if e.batched() {
		step = BatchSize
	}
	units := make([]unit, 0, (n+step-1)/step)
	for i := 0; i < n; i += step {
		units = append(units, unit{first: i, last: min(i+step, n) - 1})
	}
	return units
}

// work runs one unit and hands every input's records and outcome to out.
func (e *Engine) work(ctx context.Context, inputs []Input, u unit, out *ordered) {
	if u.first == u.last || !e.batched() {
		for i := u.first; i <= u.last; i++ {
			err := e.fetch(ctx, inputs[i], func(rec []byte) error { return out.emit(i, rec) })
			e.step(err)
			out.finish(i, err)
		}
		return
	}
	if e.Collection != nil {
		e.workCollections(ctx, inputs, u, out)
		return
	}
	e.workBatch(ctx, inputs, u, out)
}

// batched says the engine sends its inputs as JSON batches.
func (e *Engine) batched() bool { return e.Entity != nil || e.Collection != nil }

// workBatch sends a unit's entity GETs as one JSON batch; the graph client retries each
// throttled sub-request on its own. When the batch itself fails, every input of it fails
// with that error.
func (e *Engine) workBatch(ctx context.Context, inputs []Input, u unit, out *ordered) {
	reqs := make([]graph.BatchRequest, 0, u.last-u.first+1)
	for i := u.first; i <= u.last; i++ {
		reqs = append(reqs, graph.BatchRequest{Method: "GET", URL: e.Entity(inputs[i])})
	}
	results, batchErr := e.Client.Batch(ctx, reqs)
	for k, i := 0, u.first; i <= u.last; k, i = k+1, i+1 {
		err := e.batchOutcome(inputs[i], k, results, batchErr, func(rec []byte) error { return out.emit(i, rec) })
		e.step(err)
		out.finish(i, err)
	}
}

func (e *Engine) batchOutcome(in Input, k int, results []graph.BatchResult, batchErr error, emit func([]byte) error) error {
	if k >= len(results) || results[k].Err == nil && results[k].Status == 0 {
		if batchErr == nil {
			batchErr = ErrNoBatchAnswer
		}
		return batchErr
	}
	if results[k].Err != nil {
		return results[k].Err
	}
	rec, err := graph.NormalizeEntity(results[k].Body)
	if err != nil {
		return err
	}
	return e.inspectAndEmit(in, rec, emit)
}

// ErrNoBatchAnswer is the outcome of a batched request the batch response did not answer.
var ErrNoBatchAnswer = batchError("the batch response had no answer for this request")

type batchError string

func (e batchError) Error() string { return string(e) }
