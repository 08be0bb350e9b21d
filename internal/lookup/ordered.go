package lookup

import (
	"context"
	"errors"
	"sync"
)

// ordered hands the outcomes of many inputs to the sink in input order. The input at the
// head streams its records as they arrive; later inputs buffer until they reach the head.
type ordered struct {
	inputs []Input
	sink   Sink
	cancel context.CancelFunc

	mu      sync.Mutex
	room    *sync.Cond
	next    int // the head: first input not yet handed over in full
	pending map[int]*outcome
	sum     Summary
	fatal   error // a sink failure: stop everything
}

type outcome struct {
	recs [][]byte
	done bool
	err  error
}

func newOrdered(inputs []Input, sink Sink, cancel context.CancelFunc) *ordered {
	o := &ordered{inputs: inputs, sink: sink, cancel: cancel, pending: map[int]*outcome{}}
	o.room = sync.NewCond(&o.mu)
	return o
}

func (o *ordered) get(i int) *outcome {
	oc := o.pending[i]
	if oc == nil {
		oc = &outcome{}
		o.pending[i] = oc
	}
	return oc
}

// emit takes one record of input i.
func (o *ordered) emit(i int, rec []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fatal != nil {
		return o.fatal
	}
	if i == o.next {
		return o.recordLocked(i, rec)
	}
	oc := o.get(i)
	oc.recs = append(oc.recs, rec)
	return nil
}

func (o *ordered) recordLocked(i int, rec []byte) error {
	if err := o.sink.Record(i, o.inputs[i], rec); err != nil {
		o.failLocked(&sinkError{err})
		return o.fatal
	}
	return nil
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
	oc := o.get(i)
	oc.done, oc.err = true, err
	o.advanceLocked()
}

// advanceLocked moves the head past every finished input, handing each over.
func (o *ordered) advanceLocked() {
	for o.fatal == nil {
		oc := o.pending[o.next]
		if oc == nil || !oc.done {
			break
		}
		delete(o.pending, o.next)
		o.doneLocked(o.next, oc.err)
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

// flushHeadLocked hands over what the new head buffered before it became the head.
func (o *ordered) flushHeadLocked() {
	oc := o.pending[o.next]
	if oc == nil {
		return
	}
	for _, rec := range oc.recs {
		if o.recordLocked(o.next, rec) != nil {
			return
		}
	}
	oc.recs = nil
}

func (o *ordered) doneLocked(i int, err error) {
	if stop := o.stoppingLocked(err); stop != nil {
		if _, ok := stop.(*sinkError); ok {
			o.failLocked(stop)
		}
		return
	}
	o.sum.add(err)
	if derr := o.sink.Done(i, o.inputs[i], err); derr != nil {
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

// waitForRoom blocks until input first is within window of the head.
func (o *ordered) waitForRoom(ctx context.Context, first, window int) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for first >= o.next+window && o.fatal == nil && ctx.Err() == nil {
		o.room.Wait()
	}
	return o.fatal == nil && ctx.Err() == nil
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
