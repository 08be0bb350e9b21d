package indicators

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// item is one input of a write: what it is called in messages, what is sent for it (a
// tiIndicator object, or an id as a JSON string for the deletes) and how its result is
// recognised in a bulk answer.
type item struct {
	Query string
	Body  json.RawMessage
	Sent  tiindicator.Sent
}

// outcome is what became of one item: a record to print, or an error.
type outcome struct {
	Record []byte
	Err    error
}

// bulkAction names a bulk action and how its successes print.
type bulkAction struct {
	Name string // submitTiIndicators…
	// Status is the status of a success without an indicator in the answer ("deleted").
	Status string
}

// sendBulk sends items through action in chunks of tiindicator.MaxPerRequest and returns one
// outcome per item, in order, and the results Graph gave that matched no item. A request
// that fails as a whole fails its chunk, and the chunks after it are not sent; a retired
// entity set is returned as the error, nothing else being worth saying.
func sendBulk(ctx context.Context, client *graph.Client, action bulkAction, items []item) ([]outcome, []tiindicator.Outcome, error) {
	out := make([]outcome, 0, len(items))
	var stray []tiindicator.Outcome
	stopped := false
	for _, chunk := range tiindicator.Chunks(items, tiindicator.MaxPerRequest) {
		if stopped {
			out = append(out, failAll(chunk, errNotSent)...)
			continue
		}
		res, values, err := postChunk(ctx, client, action, chunk)
		if err != nil {
			if r := retired(err, true); r != err {
				return nil, nil, r
			}
			out, stopped = append(out, failAll(chunk, err)...), true
			continue
		}
		for i, o := range res.Items {
			out = append(out, action.outcome(chunk[i], o, values))
		}
		stray = append(stray, res.Stray...)
	}
	return out, stray, nil
}

// errNotSent fails the items after a chunk that failed as a whole.
var errNotSent = &itemError{Code: "notSent", Message: "not sent: an earlier request of this run failed"}

func failAll(chunk []item, err error) []outcome {
	out := make([]outcome, len(chunk))
	for i := range chunk {
		out[i] = outcome{Err: err}
	}
	return out
}

// postChunk sends one chunk and reads its answer.
func postChunk(ctx context.Context, client *graph.Client, action bulkAction, chunk []item) (tiindicator.BulkResult, []json.RawMessage, error) {
	raws := make([]json.RawMessage, len(chunk))
	sent := make([]tiindicator.Sent, len(chunk))
	for i, it := range chunk {
		raws[i], sent[i] = it.Body, it.Sent
	}
	body, err := tiindicator.BulkBody(raws)
	if err != nil {
		return tiindicator.BulkResult{}, nil, err
	}
	resp, err := client.Do(ctx, http.MethodPost, setPath+"/"+action.Name, body, nil)
	if err != nil {
		return tiindicator.BulkResult{}, nil, err
	}
	res, err := tiindicator.ParseBulk(resp.StatusCode, resp.Body, sent)
	if err != nil {
		return tiindicator.BulkResult{}, nil, fmt.Errorf("%s: %w", action.Name, err)
	}
	var coll struct {
		Value []json.RawMessage `json:"value"`
	}
	_ = json.Unmarshal(resp.Body, &coll) // ParseBulk read it already
	return res, coll.Value, nil
}

// outcome turns ParseBulk's verdict on it into what is printed.
func (a bulkAction) outcome(it item, o tiindicator.Outcome, values []json.RawMessage) outcome {
	switch o.Status {
	case tiindicator.StatusFailed:
		return outcome{Err: &itemError{Code: o.Code, Message: o.Message}}
	case tiindicator.StatusUnknown:
		return outcome{Err: &itemError{Code: "unknown", Message: o.Message}}
	}
	if a.Status == "" && o.ID != "" {
		if rec := findByID(values, o.ID); rec != nil {
			return outcome{Record: rec}
		}
	}
	return outcome{Record: statusRecord(orDefault(a.Status, "ok"), orDefault(o.ID, it.Sent.ID), o.Message)}
}

// itemError is one item's failure inside a 200/206 answer.
type itemError struct{ Code, Message string }

func (e *itemError) Error() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + ": " + e.Message
}

// findByID is the answered indicator with id, normalised as every record is.
func findByID(values []json.RawMessage, id string) []byte {
	for _, v := range values {
		var probe struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(v, &probe) == nil && probe.ID == id {
			if rec, err := graph.NormalizeEntity(v); err == nil {
				return rec
			}
		}
	}
	return nil
}

// statusRecord is the record of a success Graph answered without an indicator.
func statusRecord(status, id, message string) []byte {
	b, _ := json.Marshal(struct {
		Status  string `json:"status"`
		ID      string `json:"id,omitempty"`
		Message string `json:"message,omitempty"`
	}{status, id, message})
	return b
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
