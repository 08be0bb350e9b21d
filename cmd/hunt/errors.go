package hunt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/render"
)

// queryError is Graph's 400 for a query it cannot run. Graph's message is the KQL error
// and is quoted as sent, line breaks kept, under a line that names the request.
type queryError struct{ api *graph.APIError }

func (e *queryError) Error() string {
	head := fmt.Sprintf("Graph rejected the hunting query: %d %s", e.api.StatusCode, e.api.Code)
	var ids []string
	if e.api.RequestID != "" {
		ids = append(ids, "request-id: "+e.api.RequestID)
	}
	if e.api.Date != "" {
		ids = append(ids, "date: "+e.api.Date)
	}
	if len(ids) > 0 {
		head += " (" + strings.Join(ids, ", ") + ")"
	}
	if msg := strings.TrimSpace(e.api.Message); msg != "" {
		return head + "\n" + msg
	}
	return head
}

func (e *queryError) Unwrap() error { return e.api }

// heavyError is a query that failed on every attempt with 500/504 UnknownError or no
// answer in time: Graph's way of saying it ran out of time or resources.
type heavyError struct{ err error }

func (e *heavyError) Error() string { return e.err.Error() }
func (e *heavyError) Unwrap() error { return e.err }

// Hint is printed after the error (cmdutil.Hinter).
func (e *heavyError) Hint() string {
	return "the query failed on every attempt and may be too heavy for Graph: narrow --timespan (for example --timespan P1D) " +
		"or add `| take 100`, filter early with `where`, and summarize before projecting"
}

// huntError explains a failed runHuntingQuery.
func huntError(err error) error {
	var api *graph.APIError
	switch {
	case errors.As(err, &api) && api.StatusCode == http.StatusBadRequest:
		return &queryError{api: api}
	case graph.IsUnknownError(err), errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled):
		return &heavyError{err: fmt.Errorf("run hunting query: %w", err)}
	}
	return fmt.Errorf("run hunting query: %w", err)
}

// partialNote tells that Graph marked the result incomplete: 206 Partial Content, with
// the Warning header's items ("{Vendor}/{Provider}/{Status}/{LatencyMs}",
// security-error-codes.md) quoted; "" for a complete result. It goes to stderr on a
// terminal or not: a script must learn that its rows may be missing some.
func partialNote(res *graph.HuntingResults) string {
	warnings := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		warnings[i] = render.Sanitize(w)
	}
	var note string
	switch {
	case res.Partial:
		note = "warning: the result may be incomplete: Graph answered 206 Partial Content (a data provider failed or timed out)"
	case len(warnings) > 0:
		note = "warning: Graph sent a warning with the result"
	default:
		return ""
	}
	if len(warnings) > 0 {
		note += ": " + strings.Join(warnings, "; ")
	}
	return note
}
