package lookup

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/mdti-cli/mdti/internal/graph"
)

// unit is a piece of work: one input, or up to BatchSize entity inputs sent as one batch.
// It carries its inputs, so no worker needs the run's whole list.
type unit []item

// item is one input to look up and its position in the run.
type item struct {
	i  int
	in Input
}

// runMany fans the inputs out to Concurrency workers and hands their outcomes to the sink
// in input order: the input at the head streams straight through, later ones wait in
// memory, and workers start at most Window inputs past the head.
func (e *Engine) runMany(ctx context.Context, inputs *Inputs, sink Sink) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(e.Concurrency, 1)
	out := newOrdered(sink, cancel, e.Inspect)
	jobs := make(chan unit)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				e.work(ctx, u, out)
			}
		}()
	}
	e.dispatch(ctx, inputs, out, jobs)
	close(jobs)
	wg.Wait()
	return out.result(ctx)
}

// dispatch reads the inputs in order, registers each with out and sends the ones to look
// up to the workers, BatchSize to a unit when batched. A unit's first input waits until it
// is within the window of the head; the rest of the unit may run up to one unit past it, so
// the window never splits a batch (the units are those of the list of keys cut into
// twenties), while a long run of repeats in the middle of a unit still cannot pile up: the
// reader sends the part of the unit it has and waits. Inputs are registered many under one
// lock, just before their unit goes out or the reader waits, and the head is looked at
// only when the last look says the window may be full: the workers, not the reader, should
// have the lock.
func (e *Engine) dispatch(ctx context.Context, inputs *Inputs, out *ordered, jobs chan<- unit) {
	if err := inputs.Seal(); err != nil {
		out.fail(err)
		return
	}
	size := 1
	if e.batched() {
		size = BatchSize
	}
	window := e.Window
	if window <= 0 {
		window = max(e.Concurrency, 1) * BatchSize * 4
	}
	repeats := newRepeatTracker(inputs)
	var (
		u    unit
		adds []added
		head int // the head as last seen: it only moves on
	)
	send := func() {
		out.addAll(adds)
		adds = adds[:0]
		if len(u) > 0 {
			jobs <- u
			u = nil
		}
	}
	for i := 0; ; i++ {
		if len(u) > 0 && i >= head+window+size {
			if head = out.head(); i >= head+window+size {
				send()
			}
		}
		if len(u) == 0 && i >= head+window {
			send()
			var ok bool
			if head, ok = out.waitForRoom(ctx, i, window); !ok {
				return
			}
		}
		in, err := inputs.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out.fail(err)
			return
		}
		keep, from := repeats.see(in)
		adds = append(adds, added{i, in, keep, from})
		if from != nil {
			continue
		}
		if u = append(u, item{i, in}); len(u) == size {
			send()
		}
	}
	send()
}

// work runs one unit and hands every input's records and outcome to out.
func (e *Engine) work(ctx context.Context, u unit, out *ordered) {
	if len(u) == 1 || !e.batched() {
		for _, it := range u {
			err := e.fetch(ctx, it.in, func(rec []byte) error { return out.emit(it.i, rec) })
			e.step(err)
			out.finish(it.i, err)
		}
		return
	}
	if e.Collection != nil {
		e.workCollections(ctx, u, out)
		return
	}
	e.workBatch(ctx, u, out)
}

// batched says the engine sends its inputs as JSON batches.
func (e *Engine) batched() bool { return e.Entity != nil || e.Collection != nil }

// workBatch sends a unit's entity GETs as one JSON batch; the graph client retries each
// throttled sub-request on its own. When the batch itself fails, every input of it fails
// with that error.
func (e *Engine) workBatch(ctx context.Context, u unit, out *ordered) {
	reqs := make([]graph.BatchRequest, 0, len(u))
	for _, it := range u {
		reqs = append(reqs, graph.BatchRequest{Method: "GET", URL: e.Entity(it.in)})
	}
	results, batchErr := e.Client.Batch(ctx, reqs)
	for k, it := range u {
		err := e.batchOutcome(it.in, k, results, batchErr, func(rec []byte) error { return out.emit(it.i, rec) })
		e.step(err)
		out.finish(it.i, err)
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
