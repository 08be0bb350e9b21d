// Package lookup is the many-inputs engine: it looks up a list of inputs with bounded
// concurrency, sends single-entity GETs as JSON batches, and hands every input's records
// and outcome to a Sink in input order, through a look-ahead window that bounds memory.
// The printer is one Sink (PrinterSink); Results keeps the outcomes in memory.
package lookup

import (
	"context"
	"errors"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// Input is one thing to look up. Two inputs may share a Key: the key is looked up once,
// and each input is its own outcome, told apart by its index in the run.
type Input struct {
	Query string // as the user gave it: records and error records carry it
	Key   string // as sent to Graph, escaped later by graph.Segment
}

// Sink receives a run's results in input order, one call at a time.
type Sink interface {
	// Record takes one record of input i. An error ends the run.
	Record(i int, in Input, rec []byte) error
	// Done closes input i after its records: err is nil when it succeeded. Inputs cut
	// short by cancellation get no Done. An error ends the run.
	Done(i int, in Input, err error) error
}

// Flusher is a Sink that buffers: the engine flushes it whenever the head of the
// output moves, so a slow input does not hold back the records before it.
type Flusher interface{ Flush() error }

// Progress counts finished inputs as they finish, in any order.
type Progress interface{ Step(failed bool) }

// FetchFunc looks up one input and hands each of its records to emit. It is called once
// per input and never retried by the engine (the graph client retries what is safe).
type FetchFunc func(ctx context.Context, in Input, emit func(rec []byte) error) error

// Engine says how to look inputs up. Set Entity (one GET per input, batched), Collection
// (one collection per input: first pages batched) or Fetch (anything else: a write).
type Engine struct {
	// Client sends the entity GETs and batches; needed with Entity.
	Client *graph.Client
	// Entity is the version-relative path of input's single entity. Many inputs go out
	// as JSON batches of BatchSize.
	Entity func(in Input) string
	// Inspect sees each entity record before the sink does (reputation's threshold); an
	// error fails that input. A repeated key's records, looked up once, are inspected
	// again for each input that repeats it, so a count kept by Inspect counts every
	// input. Optional.
	Inspect func(in Input, rec []byte) error
	// Collection is input's collection (a host's cookies…). Many inputs' first pages go
	// out as JSON batches of BatchSize, and the next pages of those still going on ride in
	// the following batches (workCollections), with the same --limit/--all semantics as
	// Collect.
	Collection func(in Input) Collection
	// Fetch looks up an input that is neither, one input per worker.
	Fetch FetchFunc

	// Concurrency is the number of requests or batches in flight; 0 means 1.
	Concurrency int
	// Window is how far past the first unfinished input workers may start; 0 means
	// Concurrency × BatchSize × 4. A batch whose first input is within it is sent whole,
	// so inputs up to Window + BatchSize past the head may be held. It bounds what the
	// ordered output buffers, and what of the inputs is in memory (Inputs).
	Window int
	// Progress, if set, is told of every finished input.
	Progress Progress
}

// BatchSize is Graph's limit of requests in one JSON batch.
const BatchSize = 20

// Summary is what a run that was not stopped found.
type Summary struct {
	Failed int   // inputs that failed
	Exit   int   // the worst exit code among them by priority (docs/reference.md §4), 0 if none
	Err    error // the first failed input's error, nil if none
}

// Run looks every input up and tells sink the outcomes in input order. The error is
// non-nil only when the run stopped: the context ended (ctx.Err()) or the sink failed
// (its error). Failed inputs are in the Summary, never in the error.
//
// Inputs that share a Key are looked up once; each still gets its own Record and Done
// calls, at its own index.
func (e *Engine) Run(ctx context.Context, inputs []Input, sink Sink) (Summary, error) {
	return e.RunInputs(ctx, InputsOf(inputs), sink)
}

// RunInputs is Run over inputs read once, in order, through the window: what the run
// holds is bounded by the window, not by the number of inputs. It also stops, with that
// error, when reading the inputs back fails. It does not Close inputs.
func (e *Engine) RunInputs(ctx context.Context, inputs *Inputs, sink Sink) (Summary, error) {
	if err := inputs.Seal(); err != nil {
		return Summary{}, err
	}
	if inputs.Len() == 1 {
		return e.runOne(ctx, inputs.First(), sink)
	}
	return e.runMany(ctx, inputs, sink)
}

// runOne fetches a single input directly: no batch, no buffering.
func (e *Engine) runOne(ctx context.Context, in Input, sink Sink) (Summary, error) {
	var s Summary
	err := e.fetch(ctx, in, func(rec []byte) error { return sinkErr(sink.Record(0, in, rec)) })
	e.step(err)
	if stop := stopping(ctx, err); stop != nil {
		return s, stop
	}
	s.add(err)
	if derr := sink.Done(0, in, err); derr != nil {
		return s, &sinkError{derr}
	}
	return s, flush(sink)
}

// fetch looks one input up without batching.
func (e *Engine) fetch(ctx context.Context, in Input, emit func([]byte) error) error {
	if e.Collection != nil {
		return Collect(ctx, e.Client, e.Collection(in), emit)
	}
	if e.Entity == nil {
		return e.Fetch(ctx, in, emit)
	}
	rec, err := e.Client.Get(ctx, e.Entity(in), nil)
	if err != nil {
		return err
	}
	return e.inspectAndEmit(in, rec, emit)
}

func (e *Engine) inspectAndEmit(in Input, rec []byte, emit func([]byte) error) error {
	if e.Inspect != nil {
		if err := e.Inspect(in, rec); err != nil {
			return err
		}
	}
	return emit(rec)
}

func (e *Engine) step(err error) {
	if e.Progress != nil {
		e.Progress.Step(err != nil)
	}
}

func (s *Summary) add(err error) {
	if err == nil {
		return
	}
	if s.Failed == 0 {
		s.Err = err
	}
	s.Failed++
	s.Exit = cmdutil.WorseExit(s.Exit, cmdutil.ExitCode(err))
}

// stopping returns the error that ends the run, if err is one: a sink failure, or the
// run's context having ended (an input cut short is not an outcome of its own).
func stopping(ctx context.Context, err error) error {
	var se *sinkError
	switch {
	case errors.As(err, &se):
		return se
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		return ctx.Err()
	}
	return nil
}

func flush(sink Sink) error {
	if f, ok := sink.(Flusher); ok {
		if err := f.Flush(); err != nil {
			return &sinkError{err}
		}
	}
	return nil
}

// sinkError marks a failure of the sink (a closed pipe, a jq error): it ends the run.
type sinkError struct{ err error }

func (e *sinkError) Error() string { return e.err.Error() }
func (e *sinkError) Unwrap() error { return e.err }

func sinkErr(err error) error {
	if err == nil {
		return nil
	}
	return &sinkError{err}
}
