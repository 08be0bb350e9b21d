package cmdutil

import (
	"context"
	"sync"
)

// ordered prints the outcomes of many inputs in input order. The input at the head
// prints as its records arrive; later inputs buffer until they reach the head.
type ordered struct {
	l      *HostLookup
	cancel context.CancelFunc

	mu      sync.Mutex
	room    *sync.Cond
	next    int // the head: first input not yet fully printed
	pending map[int]*outcome
	worst   int
	fatal   error // an output error: stop everything
	bar     *progressBar
}

type outcome struct {
	recs [][]byte
	done bool
	err  error
}

func newOrdered(l *HostLookup, n int, cancel context.CancelFunc) *ordered {
	o := &ordered{l: l, cancel: cancel, pending: map[int]*outcome{}, worst: ExitOK}
	o.room = sync.NewCond(&o.mu)
	if l.Progress {
		o.bar = startProgress(l.IO.ErrOut, n, l.IO.TerminalWidth())
	}
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
		return o.printLocked(i, rec)
	}
	oc := o.get(i)
	oc.recs = append(oc.recs, rec)
	return nil
}

func (o *ordered) printLocked(i int, rec []byte) error {
	if err := o.l.print(o.l.lookupHost(i), rec); err != nil {
		o.failLocked(err)
		return err
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

// finish records input i's outcome and prints every input that is now complete.
func (o *ordered) finish(i int, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	oc := o.get(i)
	oc.done, oc.err = true, err
	o.bar.step(err != nil)
	o.advanceLocked()
}

// advanceLocked moves the head past every finished input, printing as it goes.
func (o *ordered) advanceLocked() {
	for o.fatal == nil {
		oc := o.pending[o.next]
		if oc == nil || !oc.done {
			break
		}
		delete(o.pending, o.next)
		if oc.err != nil {
			o.reportLocked(o.next, oc.err)
		}
		o.next++
		o.flushHeadLocked()
	}
	if err := o.l.Printer.Flush(); err != nil {
		o.failLocked(&outputError{err})
	}
	o.room.Broadcast()
}

// flushHeadLocked prints what the new head buffered before it became the head.
func (o *ordered) flushHeadLocked() {
	oc := o.pending[o.next]
	if oc == nil {
		return
	}
	for _, rec := range oc.recs {
		if o.printLocked(o.next, rec) != nil {
			return
		}
	}
	oc.recs = nil
}

func (o *ordered) reportLocked(i int, err error) {
	if isOutputError(err) {
		o.failLocked(err)
		return
	}
	if o.l.ctxDone(err) {
		return
	}
	o.worst = WorseExit(o.worst, ExitCode(err))
	if rerr := o.l.reportFailure(o.bar.writer(o.l.IO.ErrOut), o.l.lookupHost(i), err); rerr != nil {
		o.failLocked(rerr)
	}
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

// result is the run's error: an output failure, an interruption, or the worst outcome.
func (o *ordered) result(ctx context.Context) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.fatal != nil:
		return o.fatal
	case ctx.Err() != nil:
		return ctx.Err()
	case o.worst != ExitOK:
		return &SilentError{Code: o.worst}
	}
	return nil
}

func (o *ordered) stopProgress() { o.bar.stop() }
