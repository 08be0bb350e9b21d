package hunt

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

func TestKQLErrorQuotedVerbatimExit1(t *testing.T) {
	api := &graph.APIError{StatusCode: 400, Code: "BadRequest", RequestID: "rid", Date: "d",
		Message: "Query could not be parsed at '|' on line [2,1]\nToken: |\nLine: 2, Position: 1"}
	err := huntError(fmt.Errorf("POST: %w", api))
	want := "Graph rejected the hunting query: 400 BadRequest (request-id: rid, date: d)\n" +
		"Query could not be parsed at '|' on line [2,1]\nToken: |\nLine: 2, Position: 1"
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	if code := cmdutil.ExitCode(err); code != cmdutil.ExitError {
		t.Errorf("exit %d, want 1", code)
	}
	if cmdutil.Hint(err, Permission) != "" {
		t.Errorf("a KQL error got a hint: %q", cmdutil.Hint(err, Permission))
	}
}

func TestHeavyQueriesGetAdvice(t *testing.T) {
	for name, cause := range map[string]error{
		"504 UnknownError": &graph.APIError{StatusCode: 504, Code: "UnknownError"},
		"500 UnknownError": &graph.APIError{StatusCode: 500, Code: "UnknownError"},
		"no answer in time": fmt.Errorf("POST /v1.0/security/runHuntingQuery: no response within 30s: %w",
			context.DeadlineExceeded),
	} {
		err := huntError(cause)
		if h := cmdutil.Hint(err, Permission); h == "" || !errors.Is(err, cause) {
			t.Errorf("%s: hint %q, cause kept %v", name, h, errors.Is(err, cause))
		}
	}
	for name, cause := range map[string]error{
		"500 other":              &graph.APIError{StatusCode: 500, Code: "InternalServerError"},
		"interrupted":            context.Canceled,
		"403 keeps its own hint": &graph.APIError{StatusCode: 403, Code: "Forbidden"},
	} {
		var heavy *heavyError
		if err := huntError(cause); errors.As(err, &heavy) {
			t.Errorf("%s: called heavy", name)
		}
	}
	forbidden := huntError(&graph.APIError{StatusCode: 403, Code: "Forbidden"})
	if code := cmdutil.ExitCode(forbidden); code != cmdutil.ExitForbidden {
		t.Errorf("403: exit %d", code)
	}
}
