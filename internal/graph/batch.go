package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxBatchSize is Graph's limit of requests per $batch.
const maxBatchSize = 20

// BatchRequest is one sub-request. URL is relative to the version root
// (e.g. TIPath("hosts", id, "reputation")). ID is the caller's label; it
// need not be unique, the client numbers sub-requests itself.
type BatchRequest struct {
	ID      string
	Method  string
	URL     string
	Headers map[string]string
	Body    json.RawMessage
}

// BatchResult is the answer to the BatchRequest at the same index. Body is
// as Graph sent it (apply NormalizeEntity for a record); Err is an
// *APIError for a non-2xx status.
type BatchResult struct {
	ID      string
	Status  int
	Headers map[string]string
	Body    json.RawMessage
	Err     error
}

type batchItem struct {
	ID      string            `json:"id"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body,omitempty"`
}

type batchResponse struct {
	Responses []struct {
		ID      string            `json:"id"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"responses"`
}

// Batch sends reqs in $batch POSTs of at most 20. Graph throttles each
// sub-request on its own, so a sub-request answered 429, 503 or 504 is sent
// again alone (with the others that failed the same way), after the longest
// Retry-After among them, without repeating the ones that succeeded.
// Results are in request order.
func (c *Client) Batch(ctx context.Context, reqs []BatchRequest) ([]BatchResult, error) {
	results := make([]BatchResult, len(reqs))
	pending := make([]int, 0, len(reqs))
	for i, r := range reqs {
		results[i].ID = r.ID
		if isAbsoluteURL(r.URL) {
			results[i].Err = fmt.Errorf("batch request %q: url must be relative to the version root", r.ID)
			continue
		}
		pending = append(pending, i)
	}
	for round := 1; len(pending) > 0; round++ {
		if err := c.sendRound(ctx, reqs, pending, results, round > 1); err != nil {
			return results, err
		}
		retry, wait := c.batchRetries(pending, results, round)
		if len(retry) == 0 || !fitsDeadline(ctx, wait) {
			break
		}
		if err := c.sleep(ctx, wait); err != nil {
			return results, fmt.Errorf("batch: waiting to retry: %w", err)
		}
		pending = retry
	}
	return results, nil
}

func (c *Client) sendRound(ctx context.Context, reqs []BatchRequest, pending []int, results []BatchResult, afterRetry bool) error {
	for start := 0; start < len(pending); start += maxBatchSize {
		chunk := pending[start:min(start+maxBatchSize, len(pending))]
		if err := c.sendBatch(ctx, reqs, chunk, results, afterRetry); err != nil {
			return err
		}
	}
	return nil
}

// batchRetries picks the sub-requests worth another round and how long to
// wait first.
func (c *Client) batchRetries(pending []int, results []BatchResult, round int) ([]int, time.Duration) {
	if round >= c.maxAttempts {
		return nil, 0
	}
	var retry []int
	var wait time.Duration
	for _, i := range pending {
		if !retryableStatus(results[i].Status) {
			continue
		}
		retry = append(retry, i)
		d, ok := parseRetryAfter(headerValue(results[i].Headers, "Retry-After"), time.Now())
		if !ok {
			d = c.backoff(round)
		}
		c.noteThrottle(results[i].Status, d)
		wait = max(wait, d)
	}
	return retry, wait
}

// sendBatch POSTs one $batch for the requests at idx; the sub-request id is
// the index into reqs, so answers map back whatever order they come in.
func (c *Client) sendBatch(ctx context.Context, reqs []BatchRequest, idx []int, results []BatchResult, afterRetry bool) error {
	body, err := json.Marshal(map[string][]batchItem{"requests": batchItems(reqs, idx)})
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	u, err := c.resolve("/$batch", nil)
	if err != nil {
		return err
	}
	h := http.Header{"Content-Type": {"application/json"}}
	resp, err := c.send(ctx, &request{method: http.MethodPost, url: u, body: body, header: h,
		afterRetry: afterRetry, idempotent: onlyReads(reqs, idx)})
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	var br batchResponse
	if err := json.Unmarshal(resp.Body, &br); err != nil {
		return fmt.Errorf("batch: %w: %w%s%s", errDecode, err, notJSON(resp),
			traceIDs(resp.Header, resp.Header.Get(clientRequestHdr)))
	}
	c.fillResults(reqs, idx, br, results)
	return nil
}

func batchItems(reqs []BatchRequest, idx []int) []batchItem {
	items := make([]batchItem, 0, len(idx))
	for _, i := range idx {
		r := reqs[i]
		it := batchItem{ID: strconv.Itoa(i), Method: batchMethod(r), URL: r.URL, Headers: r.Headers, Body: r.Body}
		if !strings.HasPrefix(it.URL, "/") {
			it.URL = "/" + it.URL
		}
		if len(it.Body) > 0 && headerValue(it.Headers, "Content-Type") == "" {
			it.Headers = withHeader(it.Headers, "Content-Type", "application/json")
		}
		items = append(items, it)
	}
	return items
}

func (c *Client) fillResults(reqs []BatchRequest, idx []int, br batchResponse, results []BatchResult) {
	answered := map[int]bool{}
	want := map[int]bool{}
	for _, i := range idx {
		want[i] = true
	}
	for _, r := range br.Responses {
		i, err := strconv.Atoi(r.ID)
		if err != nil || !want[i] {
			continue // not ours: ignore rather than misattribute
		}
		answered[i] = true
		res := BatchResult{ID: reqs[i].ID, Status: r.Status, Headers: r.Headers, Body: r.Body}
		if r.Status < 200 || r.Status > 299 {
			res.Err = newAPIError(batchMethod(reqs[i]), c.base+"/"+strings.TrimPrefix(reqs[i].URL, "/"),
				r.Status, toHeader(r.Headers), r.Body)
		}
		results[i] = res
	}
	for _, i := range idx {
		if !answered[i] {
			results[i] = BatchResult{ID: reqs[i].ID, Err: fmt.Errorf("batch: no response for request %q", reqs[i].ID)}
		}
	}
}

// onlyReads says whether every request at idx is a GET or HEAD: such a batch may be sent
// again after a connection failure, as a GET may.
func onlyReads(reqs []BatchRequest, idx []int) bool {
	for _, i := range idx {
		if m := batchMethod(reqs[i]); m != http.MethodGet && m != http.MethodHead {
			return false
		}
	}
	return true
}

func batchMethod(r BatchRequest) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return strings.ToUpper(r.Method)
}

func headerValue(h map[string]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func withHeader(h map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(h)+1)
	for hk, hv := range h {
		out[hk] = hv
	}
	out[k] = v
	return out
}

func toHeader(h map[string]string) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		out.Set(k, v)
	}
	return out
}
