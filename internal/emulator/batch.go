package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxBatchRequests is Graph's JSON batching limit (protocol.md).
const maxBatchRequests = 20

type batchRequest struct {
	Requests []batchItem `json:"requests"`
}

type batchItem struct {
	ID        string            `json:"id"`
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers,omitempty"`
	Body      json.RawMessage   `json:"body,omitempty"`
	DependsOn []string          `json:"dependsOn,omitempty"`
}

type batchResponse struct {
	Responses []batchItemResponse `json:"responses"`
}

type batchItemResponse struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body,omitempty"`
}

func isBatchPath(escapedPath, version string) bool {
	return escapedPath == "/"+version+"/$batch" || escapedPath == "/"+version+"/%24batch"
}

// serveBatch runs each sub-request through the same pipeline as a direct request, so each
// is authenticated, rate limited and faulted on its own.
func (e *Emulator) serveBatch(w http.ResponseWriter, r *http.Request, version string, body []byte) {
	if r.Method != http.MethodPost {
		e.writeAPIError(w, r, &apiError{status: http.StatusMethodNotAllowed, code: "Request_BadRequest", message: "$batch accepts only POST."})
		return
	}
	if ae := e.authenticate(r); ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	req, ae := parseBatch(body)
	if ae != nil {
		e.writeAPIError(w, r, ae)
		return
	}
	if f, ok := e.responseBreakingFault(req, version); ok {
		e.breakResponse(w, r, f)
		return
	}
	out := batchResponse{Responses: make([]batchItemResponse, 0, len(req.Requests))}
	status := map[string]int{}
	for _, it := range req.Requests {
		resp := e.runBatchItem(r, version, it, status)
		status[it.ID] = resp.Status
		out.Responses = append(out.Responses, resp)
	}
	e.maybeShuffle(out.Responses)
	e.stampHeaders(w, r)
	writeJSON(w, http.StatusOK, out)
}

// parseBatch checks the envelope: at most 20 requests, unique ids, relative urls, and
// dependencies on earlier ids only.
func parseBatch(body []byte) (*batchRequest, *apiError) {
	var req batchRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		return nil, badRequest("Invalid batch payload: %v.", err)
	}
	if len(req.Requests) == 0 {
		return nil, badRequest("Invalid batch payload: no requests.")
	}
	if len(req.Requests) > maxBatchRequests {
		return nil, badRequest("Invalid batch payload: %d requests is over the limit of %d requests in a batch.", len(req.Requests), maxBatchRequests)
	}
	seen := map[string]bool{}
	for i, it := range req.Requests {
		if ae := checkBatchItem(i, it, seen); ae != nil {
			return nil, ae
		}
		seen[it.ID] = true
	}
	return &req, nil
}

func checkBatchItem(i int, it batchItem, seen map[string]bool) *apiError {
	switch {
	case it.ID == "":
		return badRequest("Invalid batch payload: request %d has no id.", i)
	case seen[it.ID]:
		return badRequest("Invalid batch payload: request id '%s' is not unique.", it.ID)
	case it.Method == "":
		return badRequest("Invalid batch payload: request '%s' has no method.", it.ID)
	case it.URL == "" || strings.Contains(it.URL, "://"):
		return badRequest("Invalid batch payload: request '%s' must have a url relative to the version root.", it.ID)
	}
	for _, dep := range it.DependsOn {
		if !seen[dep] {
			return badRequest("Invalid batch payload: request '%s' depends on unknown or later request '%s'.", it.ID, dep)
		}
	}
	return nil
}

// runBatchItem answers one sub-request, or 424 when a dependency failed.
func (e *Emulator) runBatchItem(outer *http.Request, version string, it batchItem, status map[string]int) batchItemResponse {
	for _, dep := range it.DependsOn {
		if s := status[dep]; s < 200 || s > 299 {
			return e.failedDependency(outer, it.ID, dep)
		}
	}
	sub, err := e.subRequest(outer, version, it)
	if err != nil {
		return e.itemError(outer, it.ID, badRequest("Invalid request url '%s': %v.", it.URL, err))
	}
	rec := newItemRecorder()
	e.serveGraph(rec, sub, version)
	return rec.response(it.ID)
}

// subRequest builds the HTTP request a batch item stands for, with the envelope's
// Authorization (the item may override it) and the envelope's host for nextLinks.
func (e *Emulator) subRequest(outer *http.Request, version string, it batchItem) (*http.Request, error) {
	target := "/" + version + "/" + strings.TrimPrefix(it.URL, "/")
	sub, err := http.NewRequestWithContext(outer.Context(), strings.ToUpper(it.Method), target, bytes.NewReader(it.Body))
	if err != nil {
		return nil, fmt.Errorf("build sub-request: %w", err)
	}
	sub.Host, sub.TLS = outer.Host, outer.TLS
	for _, h := range []string{"Authorization", "client-request-id"} {
		if v := outer.Header.Get(h); v != "" {
			sub.Header.Set(h, v)
		}
	}
	for k, v := range it.Headers {
		sub.Header.Set(k, v)
	}
	return sub, nil
}

func (e *Emulator) failedDependency(outer *http.Request, id, dep string) batchItemResponse {
	return e.itemError(outer, id, &apiError{status: http.StatusFailedDependency, code: "FailedDependency", message: "The request depends on request '" + dep + "', which failed."})
}

func (e *Emulator) itemError(outer *http.Request, id string, ae *apiError) batchItemResponse {
	rec := newItemRecorder()
	e.writeAPIError(rec, outer, ae)
	return rec.response(id)
}

// maybeShuffle reorders responses when Options asks for it: Graph does not promise order.
func (e *Emulator) maybeShuffle(rs []batchItemResponse) {
	if !e.opts.ShuffleBatchResponses {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
}

// itemRecorder captures a sub-response in memory.
type itemRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newItemRecorder() *itemRecorder { return &itemRecorder{header: http.Header{}} }

func (r *itemRecorder) Header() http.Header { return r.header }

func (r *itemRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

func (r *itemRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

// response turns the capture into a batch item: JSON bodies inline, anything else (a
// /$count number) as a JSON string.
func (r *itemRecorder) response(id string) batchItemResponse {
	out := batchItemResponse{ID: id, Status: r.status, Headers: map[string]string{}}
	for k := range r.header {
		if k == "Content-Length" {
			continue
		}
		out.Headers[k] = r.header.Get(k)
	}
	b := r.body.Bytes()
	switch {
	case len(b) == 0:
	case json.Valid(b) && strings.HasPrefix(r.header.Get("Content-Type"), "application/json"):
		out.Body = append(json.RawMessage(nil), b...)
	default:
		s, _ := json.Marshal(string(b))
		out.Body = s
	}
	return out
}

// responseBreakingFault finds an item for a fault host whose fault breaks the HTTP response:
// such a fault takes the whole $batch response down, as a failing proxy would.
func (e *Emulator) responseBreakingFault(req *batchRequest, version string) (fault, bool) {
	for _, it := range req.Requests {
		u, err := url.Parse("/" + version + "/" + strings.TrimPrefix(it.URL, "/"))
		if err != nil {
			continue
		}
		toks, ae := splitPath(u.EscapedPath(), version)
		if ae != nil {
			continue
		}
		_, rest, ok := e.sets.match(toks)
		if !ok {
			continue
		}
		if f, _, ok := faultOf(rest); ok && f.breaksResponse() {
			return f, true
		}
	}
	return fault{}, false
}
