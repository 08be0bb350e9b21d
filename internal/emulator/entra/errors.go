package entra

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// oauthError is an error in Entra ID's v2.0 format.
type oauthError struct {
	status int
	code   string // OAuth error, e.g. invalid_client
	aadsts int    // AADSTS number
	msg    string
}

func (e *oauthError) Error() string { return fmt.Sprintf("AADSTS%d: %s", e.aadsts, e.msg) }

func errInvalidRequest(aadsts int, msg string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_request", aadsts, msg}
}

func errInvalidClient(aadsts int, msg string) *oauthError {
	return &oauthError{http.StatusUnauthorized, "invalid_client", aadsts, msg}
}

func errInvalidGrant(aadsts int, msg string) *oauthError {
	return &oauthError{http.StatusBadRequest, "invalid_grant", aadsts, msg}
}

// writeError answers like Entra ID: error, error_description (AADSTS text followed by trace and
// correlation lines), error_codes, timestamp, trace_id, correlation_id.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, e *oauthError) {
	now := s.opts.Now().UTC()
	trace := newUUID()
	corr := r.Header.Get("client-request-id")
	if corr == "" {
		corr = newUUID()
	}
	ts := now.Format("2006-01-02 15:04:05Z")
	desc := fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s", e.aadsts, e.msg, trace, corr, ts)
	writeJSON(w, e.status, map[string]any{
		"error":             e.code,
		"error_description": desc,
		"error_codes":       []int{e.aadsts},
		"timestamp":         ts,
		"trace_id":          trace,
		"correlation_id":    corr,
		"error_uri":         "https://login.microsoftonline.com/error?code=" + fmt.Sprint(e.aadsts),
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.record(Request{Method: r.Method, Path: r.URL.Path})
	s.writeError(w, r, &oauthError{http.StatusNotFound, "invalid_request", 900561,
		fmt.Sprintf("The endpoint %s %s is not served by the emulated Entra ID.", r.Method, r.URL.Path)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.Header().Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// randomHex returns n random bytes hex-encoded. crypto/rand.Read never fails on supported
// platforms (Go 1.24+ crashes the process instead), so there is no error to handle.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func newUUID() string {
	h := randomHex(16)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// unixTime keeps timestamps as integers in JSON.
func unixTime(t time.Time) int64 { return t.Unix() }
