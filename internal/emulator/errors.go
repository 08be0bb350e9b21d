package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// errorEnvelope is Graph's error body (protocol.md "Errors").
type errorEnvelope struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code       string     `json:"code"`
	Message    string     `json:"message"`
	InnerError innerError `json:"innerError"`
}

type innerError struct {
	Date            string `json:"date"`
	RequestID       string `json:"request-id"`
	ClientRequestID string `json:"client-request-id"`
}

// apiError is an error a handler returns; serveGraph turns it into the envelope.
type apiError struct {
	status     int
	code       string
	message    string
	retryAfter string // Retry-After header value, when set
	authHeader string // WWW-Authenticate header value, when set
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "BadRequest", message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, code: "NotFound", message: fmt.Sprintf(format, args...)}
}

// newRequestID returns a fresh GUID-shaped id from the seeded generator, so runs with the same
// Seed produce the same ids.
func (e *Emulator) newRequestID() string {
	e.mu.Lock()
	hi, lo := e.rng.Uint64(), e.rng.Uint64()
	e.mu.Unlock()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, (hi>>16)&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

// stampHeaders sets the ids Graph puts on every response and returns the request id.
func (e *Emulator) stampHeaders(w http.ResponseWriter, r *http.Request) string {
	id := e.newRequestID()
	h := w.Header()
	h.Set("request-id", id)
	if c := r.Header.Get("client-request-id"); c != "" {
		h.Set("client-request-id", c)
	}
	return id
}

// writeError writes Graph's error envelope with a fresh request id.
func (e *Emulator) writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	e.writeAPIError(w, r, &apiError{status: status, code: code, message: message})
}

func (e *Emulator) writeAPIError(w http.ResponseWriter, r *http.Request, ae *apiError) {
	id := e.stampHeaders(w, r)
	h := w.Header()
	if ae.retryAfter != "" {
		h.Set("Retry-After", ae.retryAfter)
	}
	if ae.authHeader != "" {
		h.Set("WWW-Authenticate", ae.authHeader)
	}
	body := errorEnvelope{Error: errorBody{
		Code:    ae.code,
		Message: ae.message,
		InnerError: innerError{
			Date:            e.opts.Now().UTC().Format("2006-01-02T15:04:05"),
			RequestID:       id,
			ClientRequestID: r.Header.Get("client-request-id"),
		},
	}}
	writeJSON(w, ae.status, body)
}

// writeJSON marshals v; our own values always marshal, so an error only means the client left.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeBody(w, status, b)
}

func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// retryAfterSeconds renders a duration as Retry-After's whole seconds.
func retryAfterSeconds(d time.Duration) string {
	if d < 0 {
		return "0"
	}
	return strconv.FormatInt(int64(d/time.Second), 10)
}
