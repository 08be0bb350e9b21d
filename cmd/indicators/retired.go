package indicators

import (
	"errors"
	"net/http"
	"strings"

	"github.com/mdti-cli/mdti/internal/graph"
)

// RetiredError says Graph answered as if the tiIndicators entity set no longer exists. It
// does not unwrap to the Graph error on purpose: the set being gone is no "not found" of
// one indicator (exit 5), it is an error of the API (exit 1; docs/reference.md §10).
type RetiredError struct {
	Status  int
	Message string
}

func (e *RetiredError) Error() string {
	return "the tiIndicators API appears to be retired: Graph answered " + http.StatusText(e.Status) +
		" for the entity set (" + e.Message + "); Microsoft announced its removal for April 2026"
}

// Hint names the replacements.
func (e *RetiredError) Hint() string {
	return "send indicators to Microsoft Sentinel's upload API for STIX objects (`mdti indicators export` writes the bundle) " +
		"or to Defender for Endpoint's indicators API (POST https://api.securitycenter.microsoft.com/api/indicators)"
}

// segmentMessage is Graph's answer for a segment its model does not have.
const segmentMessage = "segment 'tiindicators'"

// retired turns an error about the entity set into a *RetiredError and returns any other
// error as it was. onSet says the request was for the set itself (list, POST, the bulk
// actions), where a 404 or 410 can only mean the set is gone; for one id (get, PATCH,
// DELETE) only Graph's message naming the segment tells it from a missing indicator. A
// 400 counts only with that message: a 400 on the set is otherwise a bad request.
func retired(err error, onSet bool) error {
	var apiErr *graph.APIError
	if !errors.As(err, &apiErr) {
		return err
	}
	msg := strings.ToLower(apiErr.Message)
	namesSegment := strings.Contains(msg, segmentMessage) || strings.Contains(msg, "property named 'tiindicators'")
	switch apiErr.StatusCode {
	case http.StatusNotFound, http.StatusGone:
		if onSet || namesSegment {
			return &RetiredError{Status: apiErr.StatusCode, Message: apiErr.Message}
		}
	case http.StatusBadRequest:
		if namesSegment {
			return &RetiredError{Status: apiErr.StatusCode, Message: apiErr.Message}
		}
	}
	return err
}
