package graph

import (
	"context"
	"encoding/json"
	"errors"
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
	Responses []batchAnswer `json:"responses"`
}

// Batch sends reqs in $batch POSTs of at most 20. Graph throttles each
// sub-request on its own, so a sub-request answered 429, 503 or 504 is sent
// again alone (with the others that failed the same way), after the longest
// Retry-After among them, without repeating the ones that succeeded.
// Results are in request order.
//
// All rounds share one time budget, --timeout × attempts (docs/reference.md §7), as a
// single request does: an item whose Retry-After does not fit what is left fails at once
// with its 429. A $batch of reads whose response is lost (a reset, a cut body) is sent
// again in halves, down to single requests, so one item that breaks the connection
// fails alone and its neighbours are answered.
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
	b := c.newBudget()
	var held time.Time
	var turn *RetryTurn // the place of this batch's throttled items among the 429's retries
	defer func() { turn.Leave() }()
	for round := 1; len(pending) > 0; round++ {
		err := c.sendRound(ctx, b, reqs, pending, results, held, round > 1, turn)
		turn.Leave()
		if err != nil {
			return results, err
		}
		retry, wait, throttleWait := c.batchRetries(ctx, b, reqs, pending, results, round)
		if len(retry) == 0 {
			break
		}
		held = time.Time{}
		if throttleWait > 0 {
			held = c.throttle.hold(c.now(), throttleWait)
		}
		turn = c.queueRetry(held, round)
		if err := c.sleep(ctx, wait); err != nil {
			return results, fmt.Errorf("batch: waiting to retry: %w", err)
		}
		pending = retry
	}
	return results, nil
}

// sendRound sends the pending items in $batch requests of up to 20; retry says they were
// sent before (a round after the first), so they go ahead of new requests for a slot.
func (c *Client) sendRound(ctx context.Context, b *budget, reqs []BatchRequest, pending []int, results []BatchResult, held time.Time, retry bool, turn *RetryTurn) error {
	for start := 0; start < len(pending); start += maxBatchSize {
		chunk := pending[start:min(start+maxBatchSize, len(pending))]
		if err := c.sendChunk(ctx, b, reqs, chunk, results, held, retry, turn); err != nil {
			return err
		}
	}
	return nil
}

// batchRetries picks the sub-requests worth another round and how long to wait first
// (the longest wait among them, and the longest 429 wait, which closes the shared gate).
// An item that is out of attempts, or whose wait does not fit the budget, ends here
// with a RetryError saying so.
func (c *Client) batchRetries(ctx context.Context, b *budget, reqs []BatchRequest, pending []int, results []BatchResult, round int) (retry []int, wait, throttleWait time.Duration) {
	for _, i := range pending {
		if !retryableStatus(results[i].Status) {
			continue
		}
		d, ok := parseRetryAfter(headerValue(results[i].Headers, "Retry-After"), time.Now())
		if !ok {
			d = c.backoff(round)
		}
		if results[i].Status == http.StatusTooManyRequests {
			c.throttle.hold(c.now(), d) // others back off now, whatever becomes of this item
		}
		why := b.tooLong(d, waitName(results[i].Err, d))
		if why == "" && !fitsDeadline(ctx, d) {
			why = waitName(results[i].Err, d) + " goes past the caller's deadline"
		}
		if round >= c.maxAttempts || why != "" {
			results[i].Err = c.gaveUp(round, b, why, results[i].Err)
			continue
		}
		retry = append(retry, i)
		wait = max(wait, d)
		if results[i].Status == http.StatusTooManyRequests {
			throttleWait = max(throttleWait, d)
		}
	}
	return retry, wait, throttleWait
}

// sendChunk sends one $batch. When its response is lost and every item is a read, the
// items are sent again in halves down to single requests (docs/reference.md §7: a batch
// is retried as its sub-requests would be), within the same budget.
func (c *Client) sendChunk(ctx context.Context, b *budget, reqs []BatchRequest, idx []int, results []BatchResult, held time.Time, retry bool, turn *RetryTurn) error {
	err := c.sendBatch(ctx, b, reqs, idx, results, held, retry, turn)
	if err == nil || !onlyReads(reqs, idx) || !lostResponse(ctx, err) {
		return err
	}
	if left, ok := b.left(); len(idx) == 1 || (ok && left <= 0) {
		for _, i := range idx {
			results[i] = BatchResult{ID: reqs[i].ID, Err: err}
		}
		return nil
	}
	half := len(idx) / 2
	if err := c.sendChunk(ctx, b, reqs, idx[:half], results, time.Time{}, true, nil); err != nil {
		return err
	}
	return c.sendChunk(ctx, b, reqs, idx[half:], results, time.Time{}, true, nil)
}

// lostResponse is a $batch that got no usable answer for reasons its items may not
// share: the connection broke, the body was cut or unreadable. An HTTP error status for
// the whole batch, a refused host or a cancelled run are not.
func lostResponse(ctx context.Context, err error) bool {
	var apiErr *APIError
	if ctx.Err() != nil || errors.As(err, &apiErr) {
		return false
	}
	return errors.Is(err, errDecode) || retryableTransportError(err)
}

// sendBatch POSTs one $batch for the requests at idx; the sub-request id is
// the index into reqs, so answers map back whatever order they come in. A batch of
// several reads is not re-sent whole after a lost response: sendChunk splits it.
func (c *Client) sendBatch(ctx context.Context, b *budget, reqs []BatchRequest, idx []int, results []BatchResult, held time.Time, retry bool, turn *RetryTurn) error {
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
		heldUntil: held, retry: retry, turn: turn, budget: b, idempotent: len(idx) == 1 && onlyReads(reqs, idx),
		throttled: itemsThrottled})
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

// itemsThrottled tells the adaptive limiter whether any item of a $batch answer was a 429.
func itemsThrottled(body []byte) bool {
	var br struct {
		Responses []struct {
			Status int `json:"status"`
		} `json:"responses"`
	}
	_ = json.Unmarshal(body, &br)
	for _, r := range br.Responses {
		if r.Status == http.StatusTooManyRequests {
			return true
		}
	}
	return false
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

// fillResults maps each answer to its request by id. An answer without a usable id is
// matched only when that is unambiguous (it is the only one, for the only unanswered
// request, or the answers evidently keep the requests' order) and says so; any request
// left unanswered is named by method and URL, as the caller's ID may be empty.
func (c *Client) fillResults(reqs []BatchRequest, idx []int, br batchResponse, results []BatchResult) {
	pos := make(map[int]int, len(idx)) // request index → position in the batch
	for p, i := range idx {
		pos[i] = p
	}
	answered := make(map[int]bool, len(idx))
	var anonymous []int // positions in br.Responses without a usable id
	inOrder := len(br.Responses) == len(idx)
	for p, r := range br.Responses {
		i, err := strconv.Atoi(r.ID)
		if _, ours := pos[i]; err != nil || !ours {
			anonymous = append(anonymous, p) // no id, or one we never sent: never misattribute it
			continue
		}
		inOrder = inOrder && pos[i] == p
		if !answered[i] {
			answered[i] = true
			results[i] = c.batchResult(reqs[i], r, "")
		}
	}
	var missing []int
	for _, i := range idx {
		if !answered[i] {
			missing = append(missing, i)
		}
	}
	switch {
	case len(missing) == 1 && len(anonymous) == 1:
		results[missing[0]] = c.batchResult(reqs[missing[0]], br.Responses[anonymous[0]], "the only unanswered request")
		return
	case inOrder && len(anonymous) > 0:
		for _, p := range anonymous {
			if i := idx[p]; !answered[i] {
				answered[i] = true
				results[i] = c.batchResult(reqs[i], br.Responses[p], "its position, as the other answers keep the requests' order")
			}
		}
	}
	for _, i := range idx {
		if !answered[i] {
			results[i] = BatchResult{ID: reqs[i].ID, Err: noAnswerError(reqs[i], c.base, len(anonymous))}
		}
	}
}

type batchAnswer = struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// batchResult turns one answer into the result of req. matchedBy, when set, says how an
// answer without an id was matched; an error result says so.
func (c *Client) batchResult(req BatchRequest, r batchAnswer, matchedBy string) BatchResult {
	res := BatchResult{ID: req.ID, Status: r.Status, Headers: r.Headers, Body: r.Body}
	if r.Status >= 200 && r.Status <= 299 {
		return res
	}
	apiErr := newAPIError(batchMethod(req), c.base+"/"+strings.TrimPrefix(req.URL, "/"),
		r.Status, toHeader(r.Headers), r.Body)
	c.scrub(apiErr)
	res.Err = apiErr
	if matchedBy != "" {
		res.Err = fmt.Errorf("%w (the batch answer had no id; matched as %s)", apiErr, matchedBy)
	}
	return res
}

// itemOp names a sub-request as a single request would be named: "GET /v1.0/…".
func itemOp(req BatchRequest, base string) string {
	return batchMethod(req) + " " + displayPath(base+"/"+strings.TrimPrefix(req.URL, "/"))
}

func noAnswerError(req BatchRequest, base string, anonymous int) error {
	msg := itemOp(req, base) + ": the batch response has no answer for this request"
	if anonymous > 0 {
		msg += fmt.Sprintf(" (%d answers came without a usable id and could not be matched safely)", anonymous)
	}
	return errors.New(msg)
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
