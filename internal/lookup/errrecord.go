package lookup

import (
	"encoding/json"
	"errors"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// errorRecord is the in-band record of a failed input (docs/reference.md §3).
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
	switch cmdutil.ExitCode(err) {
	case cmdutil.ExitAuth:
		return "authenticationFailed"
	case cmdutil.ExitUsage:
		return "invalidInput"
	case cmdutil.ExitInterrupted:
		return "interrupted"
	}
	return "requestFailed"
}
