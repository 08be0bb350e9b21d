package hunt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mdti-cli/mdti/internal/graph"
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
