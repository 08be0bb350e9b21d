package cmdutil

import (
	"context"
	"errors"
	"sync"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
)

// batchSize is Graph's limit of requests per JSON batch.
const batchSize = 20

// unit is a piece of work: one input, or up to batchSize entity inputs sent as one batch.
type unit struct{ first, last int } // input indexes, inclusive

// runMany fans the inputs out to Concurrency workers and prints their outcomes in input
// order through an ordered buffer: the input at the head streams straight to the
// printer, later ones wait in memory, and workers may run at most a window ahead of the
// head, so memory stays bounded however many inputs there are.
func (l *HostLookup) runMany(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(l.Concurrency, 1)
	units := l.units()
	out := newOrdered(l, len(l.Inputs), cancel)
	defer out.stopProgress()

	window := workers * batchSize * 4
	jobs := make(chan unit)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				l.work(ctx, u, out)
			}
		}()
	}
	for _, u := range units {
		if !out.waitForRoom(ctx, u.first, window) {
			break
		}
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	return out.result(ctx)
}

func (l *HostLookup) units() []unit {
	n := len(l.Inputs)
	step := 1
	if l.EntityPath != nil && l.Client != nil {
		step = batchSize
	}
	units := make([]unit, 0, (n+step-1)/step)
	for i := 0; i < n; i += step {
		units = append(units, unit{first: i, last: min(i+step, n) - 1})
	}
	return units
}

// work runs one unit and hands every input's records and outcome to out.
func (l *HostLookup) work(ctx context.Context, u unit, out *ordered) {
	if u.first == u.last || l.EntityPath == nil {
		for i := u.first; i <= u.last; i++ {
			err := l.fetch(ctx, l.Inputs[i], func(rec []byte) error { return out.emit(i, rec) })
			out.finish(i, err)
		}
		return
	}
	l.workBatch(ctx, u, out)
}

// workBatch sends a unit's entity GETs as one JSON batch; the graph client retries each
// throttled sub-request on its own.
func (l *HostLookup) workBatch(ctx context.Context, u unit, out *ordered) {
	reqs := make([]graph.BatchRequest, 0, u.last-u.first+1)
	for i := u.first; i <= u.last; i++ {
		reqs = append(reqs, graph.BatchRequest{Method: "GET", URL: l.EntityPath(l.Inputs[i])})
	}
	results, err := l.Client.Batch(ctx, reqs)
	for k, i := 0, u.first; i <= u.last; k, i = k+1, i+1 {
		out.finish(i, l.batchOutcome(k, results, err, func(rec []byte) error { return out.emit(i, rec) }))
	}
}

func (l *HostLookup) batchOutcome(k int, results []graph.BatchResult, batchErr error, emit func([]byte) error) error {
	if k >= len(results) || results[k].Err == nil && results[k].Status == 0 {
		if batchErr == nil {
			batchErr = errNoBatchAnswer
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
	return l.inspectAndEmit(rec, emit)
}

var errNoBatchAnswer = batchError("the batch response had no answer for this request")

type batchError string

func (e batchError) Error() string { return string(e) }

// lookupHost returns input i; used by the ordered buffer for error records.
func (l *HostLookup) lookupHost(i int) indicator.Host { return l.Inputs[i] }

// ctxDone reports an error caused by the run being cancelled (Ctrl-C or an output
// failure): such inputs are not reported one by one.
func (l *HostLookup) ctxDone(err error) bool {
	return errors.Is(err, context.Canceled)
}
