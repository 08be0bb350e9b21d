package emulator

import (
	"net/http"
	"strings"
	"sync"
)

// faultHosts are reserved host keys that make any hosts/{id}[/...] request fail in a fixed
// way, so clients can test retries and error mapping. Grow the table here.
var faultHosts = map[string]fault{
	// Always throttled; Retry-After 0 so retrying tests do not wait.
	"throttled.fault.test": {status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Too many requests.", retryAfter: "0"},
	// Always unavailable.
	"unavailable.fault.test": {status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0"},
	// 503 on the first request of each path, then a normal host (data in hosts.json).
	"flaky.fault.test":     {status: http.StatusServiceUnavailable, code: "ServiceUnavailable", message: "The service is temporarily unavailable.", retryAfter: "0", once: true},
	"forbidden.fault.test": {status: http.StatusForbidden, code: "Forbidden", message: forbiddenMessage},
	"error.fault.test":     {status: http.StatusInternalServerError, code: "InternalServerError", message: "An internal server error occurred."},
}

type fault struct {
	status     int
	code       string
	message    string
	retryAfter string
	once       bool // fail only the first request of each path
}

// faultState remembers which paths a "once" fault has already failed.
type faultState struct {
	mu   sync.Mutex
	seen map[string]bool
}

func newFaultState() *faultState { return &faultState{seen: map[string]bool{}} }

// check returns the fault to answer for host on this request path, if any.
func (s *faultState) check(host, pathKey string) *apiError {
	f, ok := faultHosts[strings.ToLower(host)]
	if !ok {
		return nil
	}
	if f.once {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.seen[pathKey] {
			return nil
		}
		s.seen[pathKey] = true
	}
	return &apiError{status: f.status, code: f.code, message: f.message, retryAfter: f.retryAfter}
}
