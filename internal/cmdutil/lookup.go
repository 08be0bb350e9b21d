package cmdutil

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// FetchFunc looks up one input and hands each resulting record to emit.
type FetchFunc func(ctx context.Context, h indicator.Host, emit func(rec []byte) error) error

// HostLookup runs one lookup per HOST input and accounts for every input: its records, or
// an error record (json, jsonl, yaml) and a line on stderr. Records come out in input
// order, each as soon as every earlier input is done.
type HostLookup struct {
	IO      *iostreams.IOStreams
	Printer *render.Printer
	Format  render.Format
	Inputs  []indicator.Host

	// EntityPath makes the lookup one GET of a single entity per input, which many inputs
	// send as JSON batches. Client must be set with it.
	EntityPath func(h indicator.Host) string
	Client     *graph.Client
	// Inspect sees each entity record before it is printed (reputation's threshold).
	Inspect func(rec []byte) error
	// Fetch looks up inputs that are not single entities (collections).
	Fetch FetchFunc

	// Concurrency is the number of requests (or batches) in flight; 0 means 1.
	Concurrency int
	// Progress shows a progress bar on stderr (the caller checks stderr is a terminal).
	Progress bool

	// added counts records and error records handed to the printer.
	added int
}

// Run looks the inputs up. With one input its error is returned as is; with several,
// each failure is reported where it happened and the run's exit code is the
// highest-priority code among them (CONTRACT.md §4).
func (l *HostLookup) Run(ctx context.Context) error {
	if len(l.Inputs) == 1 {
		return l.runOne(ctx, l.Inputs[0])
	}
	return l.runMany(ctx)
}

func (l *HostLookup) runOne(ctx context.Context, h indicator.Host) error {
	err := l.fetch(ctx, h, func(rec []byte) error { return l.print(h, rec) })
	if ferr := l.Printer.Flush(); err == nil && ferr != nil {
		return &outputError{ferr}
	}
	return err
}

// fetch looks one input up without batching.
func (l *HostLookup) fetch(ctx context.Context, h indicator.Host, emit func([]byte) error) error {
	if l.EntityPath == nil {
		return l.Fetch(ctx, h, emit)
	}
	rec, err := l.Client.Get(ctx, l.EntityPath(h), nil)
	if err != nil {
		return err
	}
	return l.inspectAndEmit(rec, emit)
}

func (l *HostLookup) inspectAndEmit(rec []byte, emit func([]byte) error) error {
	if l.Inspect != nil {
		if err := l.Inspect(rec); err != nil {
			return err
		}
	}
	return emit(rec)
}

// print writes one record of input h; the caller serialises calls.
func (l *HostLookup) print(h indicator.Host, rec []byte) error {
	l.added++
	// Records come from the Graph client, which validated and compacted them.
	if err := l.Printer.Add(render.PrependQuery(rec, h.Query)); err != nil {
		return &outputError{err}
	}
	return nil
}

// reportFailure tells one input's failure on stderr and, where the format carries them,
// as an error record.
func (l *HostLookup) reportFailure(stderr io.Writer, h indicator.Host, err error) error {
	fmt.Fprintf(stderr, "mdti: %s\n", render.Sanitize(err.Error()))
	if !l.Format.CarriesErrors() {
		return nil
	}
	l.added++
	if err := l.Printer.AddError(ErrorRecord(h.Query, err)); err != nil {
		return &outputError{err}
	}
	return nil
}

// outputError marks a failure to write output (a closed pipe, a jq error): it ends the run.
type outputError struct{ err error }

func (e *outputError) Error() string { return e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

func isOutputError(err error) bool {
	var o *outputError
	return errors.As(err, &o)
}

// errorRecord is the in-band record of a failed input (CONTRACT.md §3).
type errorRecord struct {
	Query string      `json:"query"`
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Status    *int   `json:"status"`
	RequestID string `json:"requestId,omitempty"`
	Date      string `json:"date,omitempty"`
}

// ErrorRecord builds {"query":…,"error":{"code","message","status"}} for a failed input.
func ErrorRecord(query string, err error) []byte {
	d := errorDetail{Code: errorCode(err), Message: err.Error()}
	var apiErr *graph.APIError
	if errors.As(err, &apiErr) {
		status := apiErr.StatusCode
		d.Status, d.Message = &status, apiErr.Message
		d.RequestID, d.Date = apiErr.RequestID, apiErr.Date
		if d.Message == "" {
			d.Message = apiErr.Error()
		}
	}
	b, _ := json.Marshal(errorRecord{Query: query, Error: d})
	return b
}

func errorCode(err error) string {
	var apiErr *graph.APIError
	if errors.As(err, &apiErr) && apiErr.Code != "" {
		return apiErr.Code
	}
	switch ExitCode(err) {
	case ExitAuth:
		return "authenticationFailed"
	case ExitUsage:
		return "invalidInput"
	case ExitInterrupted:
		return "interrupted"
	}
	return "requestFailed"
}
