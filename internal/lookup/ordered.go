package lookup

import (
	"context"
	"errors"
	"sync"
)

// ordered hands the outcomes of many inputs to the sink in input order. The input at the
// head streams its records as they arrive; later inputs buffer until they reach the head.
// Each input is added (with the Input itself) before it is looked up and let go once it is
// handed over, so what ordered holds is what the engine's window lets in.
type ordered struct {
	sink    Sink
	cancel  context.CancelFunc
	inspect func(in Input, rec []byte) error // Engine.Inspect, for repeats; may be nil

	mu      sync.Mutex
	room    *sync.Cond
	next    int // the head: first input not yet handed over in full
	pending map[int]*outcome
	sum     Summary
	fatal   error // a sink failure: stop everything

	stalled func(i int) // tests: called when the reader must wait to add input i
}

type outcome struct {
	in   Input
	recs [][]byte
	done bool
	err  error
	keep *keyLookup // the first input of a repeated key: its outcome is kept here too
	from *keyLookup // a repeat of an earlier input's key: not looked up, answered from it
}

func newOrdered(sink Sink, cancel context.CancelFunc, inspect func(Input, []byte) error) *ordered {
	o := &ordered{sink: sink, cancel: cancel, inspect: inspect, pending: map[int]*outcome{}}
	o.room = sync.NewCond(&o.mu)
	return o
}

// added is an input read by the engine, to be registered before it is looked up.
type added struct {
	i          int
	in         Input
	keep, from *keyLookup // as repeatTracker.see says
}

// addAll registers inputs before they are looked up, under one lock for many; a repeat is
// handed over as soon as it is at the head.
func (o *ordered) addAll(adds []added) {
	if len(adds) == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, a := range adds {
		o.pending[a.i] = &outcome{in: a.in, keep: a.keep, from: a.from}
	}
	if oc := o.pending[o.next]; oc != nil && oc.from != nil {
		o.advanceLocked()
	}
}

// emit takes one record of input i.
func (o *ordered) emit(i int, rec []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fatal != nil {
		return o.fatal
	}
	oc := o.pending[i]
	if oc.keep != nil {
		oc.keep.recs = append(oc.keep.recs, rec)
	}
	if i == o.next {
		return o.recordLocked(i, oc.in, rec)
	}
	oc.recs = append(oc.recs, rec)
	return nil
}

func (o *ordered) recordLocked(i int, in Input, rec []byte) error {
	if err := o.sink.Record(i, in, rec); err != nil {
		o.failLocked(&sinkError{err})
		return o.fatal
	}
	return nil
}

// fail stops the run with err (reading the inputs back failed).
func (o *ordered) fail(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.failLocked(err)
}

func (o *ordered) failLocked(err error) {
	if o.fatal == nil {
		o.fatal = err
		o.cancel()
	}
	o.room.Broadcast()
}

// finish records input i's outcome and hands over every input that is now complete.
func (o *ordered) finish(i int, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	oc := o.pending[i]
	oc.done, oc.err = true, err
	if oc.keep != nil {
		oc.keep.done, oc.keep.err = true, err
	}
	o.advanceLocked()
}

// advanceLocked moves the head past every finished input, handing each over.
func (o *ordered) advanceLocked() {
	for o.fatal == nil {
		oc := o.pending[o.next]
		if oc == nil || !oc.done && oc.from == nil {
			break
		}
		delete(o.pending, o.next)
		if oc.from != nil {
			o.repeatLocked(o.next, oc)
		} else {
			o.doneLocked(o.next, oc.in, oc.err)
		}
		o.next++
		o.flushHeadLocked()
	}
	if o.fatal == nil {
		if err := flush(o.sink); err != nil {
			o.failLocked(err)
		}
	}
	o.room.Broadcast()
}

// repeatLocked hands input i, a repeat, its key's records and outcome. Its key's first
// input came before it, so that lookup is finished. Inspect sees the records again, as
// this input's: a count it keeps (the --fail-on gate) counts every input.
func (o *ordered) repeatLocked(i int, oc *outcome) {
	k := oc.from
	err := k.err
	for _, rec := range k.recs {
		if err != nil || o.inspect == nil {
			break
		}
		err = o.inspect(oc.in, rec)
	}
	if err == nil {
		for _, rec := range k.recs {
			if o.recordLocked(i, oc.in, rec) != nil {
				return
			}
		}
	}
	o.doneLocked(i, oc.in, err)
}

// flushHeadLocked hands over what the new head buffered before it became the head.
func (o *ordered) flushHeadLocked() {
	oc := o.pending[o.next]
	if oc == nil {
		return
	}
	for _, rec := range oc.recs {
		if o.recordLocked(o.next, oc.in, rec) != nil {
			return
		}
	}
	oc.recs = nil
}

func (o *ordered) doneLocked(i int, in Input, err error) {
	if stop := o.stoppingLocked(err); stop != nil {
		if _, ok := stop.(*sinkError); ok {
			o.failLocked(stop)
		}
		return
	}
	o.sum.add(err)
	if derr := o.sink.Done(i, in, err); derr != nil {
		o.failLocked(&sinkError{derr})
	}
}

// stoppingLocked is stopping for a run whose context this buffer's cancel ends: an
// input cut short by the run ending is not reported on its own.
func (o *ordered) stoppingLocked(err error) error {
	var se *sinkError
	switch {
	case errors.As(err, &se):
		return se
	case errors.Is(err, context.Canceled):
		return err
	}
	return nil
}

// head is the first input not yet handed over in full.
func (o *ordered) head() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.next
}

// waitForRoom blocks until input i is within window of the head, and returns the head;
// false when the run stopped.
func (o *ordered) waitForRoom(ctx context.Context, i, window int) (int, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stalled != nil && i >= o.next+window {
		o.stalled(i)
	}
	for i >= o.next+window && o.fatal == nil && ctx.Err() == nil {
		o.room.Wait()
	}
	return o.next, o.fatal == nil && ctx.Err() == nil
}

// result is the run's summary, and its error when it stopped: a sink failure or the end
// of the context.
func (o *ordered) result(ctx context.Context) (Summary, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.fatal != nil:
		return o.sum, o.fatal
	case ctx.Err() != nil:
		return o.sum, ctx.Err()
	}
	return o.sum, nil
}
