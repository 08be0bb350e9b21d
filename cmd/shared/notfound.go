package shared

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// notFoundError is the only input's 404, said the way an analyst reads it: what was
// not found, then the ids support asks for. --debug shows the whole exchange.
type notFoundError struct {
	query string
	err   error
}

func (e *notFoundError) Error() string {
	where := ""
	var api *graph.APIError
	if errors.As(e.err, &api) && strings.Contains(api.URL, "/threatIntelligence/") {
		where = " in MDTI" // an alert or an indicator is not MDTI's to find
	}
	msg := fmt.Sprintf("%s: not found%s (404)", e.query, where)
	if api != nil && api.RequestID != "" {
		msg += "\nrequest-id: " + api.RequestID
	}
	return msg
}

func (e *notFoundError) Unwrap() error { return e.err }

// notFound turns a lone input's 404 into a notFoundError; other errors pass unchanged.
func notFound(in lookup.Input, err error) error {
	if !graph.IsNotFound(err) {
		return err
	}
	return &notFoundError{query: in.Query, err: err}
}
