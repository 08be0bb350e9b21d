package tiindicator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// MaxPerRequest is the documented limit of submitTiIndicators: "There's a limit of 100
// tiIndicators per request."
const MaxPerRequest = 100

// Chunks splits items into consecutive slices of at most size items, in order. The slices
// share items' backing array. size below 1 is treated as 1.
func Chunks[T any](items []T, size int) [][]T {
	size = max(size, 1)
	var out [][]T
	for len(items) > 0 {
		n := min(size, len(items))
		out = append(out, items[:n:n])
		items = items[n:]
	}
	return out
}

// Status is what became of one item of a bulk action.
type Status string

const (
	StatusOK      Status = "ok"
	StatusFailed  Status = "failed"
	StatusUnknown Status = "unknown" // a partial success that named no result for the item
)

// Sent identifies one item of a bulk request so the response can be matched to it: ID for
// updateTiIndicators and deleteTiIndicators, ExternalID for submitTiIndicators (when the
// input has one) and deleteTiIndicatorsByExternalId.
type Sent struct {
	ID         string
	ExternalID string
}

// Outcome is the result for the item sent at Index of a chunk.
type Outcome struct {
	Index      int
	Status     Status
	ID         string // Graph's id, when the response gives one
	ExternalID string
	Code       string
	Message    string
}

// bulkItem is one element of a response "value": a tiIndicator (submit, update), a
// resultInfo (delete: code, message, subCode; the resource page spells it subcode), or an
// item carrying a Graph error object.
type bulkItem struct {
	ID         string          `json:"id"`
	ExternalID string          `json:"externalId"`
	Code       json.RawMessage `json:"code"`
	Message    string          `json:"message"`
	SubCode    json.RawMessage `json:"subCode"`
	Subcode    json.RawMessage `json:"subcode"`
	Error      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// BulkResult is one outcome per item sent, in the order sent, and the results Graph gave
// that could be matched to no item (Index -1), which a command should still show.
type BulkResult struct {
	Items []Outcome
	Stray []Outcome
}

// ParseBulk reads the answer of submitTiIndicators, updateTiIndicators, deleteTiIndicators or
// deleteTiIndicatorsByExternalId.
//
// The documentation fixes little. Success is 200 with a "value" collection: tiIndicators for
// submit and update, resultInfo objects (code, message, subCode) for the deletes. A 206
// Partial Content means "one or more of the bulk actions failed when it was federated out to
// its provider", and the body "will contain success/error data from the individual providers
// for each threat intelligence indicator" (resources/security-error-codes.md), in a shape no
// page shows. So each element is read as what it looks like: one with an "error" object
// failed; a resultInfo failed when its code is a number other than 0 or 2xx, or, under 206,
// not a number at all (the documented examples print placeholders such as "code-value");
// anything else succeeded. Elements are matched to items by id or externalId where they carry
// one, else by position when the counts agree. An item left unmatched succeeded under 200
// (the whole request did) and is unknown under 206.
func ParseBulk(status int, body []byte, sent []Sent) (BulkResult, error) {
	if status != 200 && status != 206 {
		return BulkResult{}, fmt.Errorf("bulk action answered HTTP %d, not 200 or 206", status)
	}
	var resp struct {
		Value []json.RawMessage `json:"value"`
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := json.Unmarshal(body, &resp); err != nil {
			return BulkResult{}, fmt.Errorf("decode bulk action response: %w", err)
		}
	}
	res := BulkResult{Items: make([]Outcome, len(sent))}
	matched := make([]bool, len(sent))
	elems := make([]Outcome, len(resp.Value))
	placed := make([]bool, len(resp.Value))
	for i, raw := range resp.Value {
		elems[i] = classify(raw, status)
		if j := matchKey(elems[i], sent, matched); j >= 0 {
			res.Items[j], matched[j], placed[i] = at(elems[i], j), true, true
		}
	}
	if len(resp.Value) == len(sent) {
		for i := range elems {
			if !placed[i] && !matched[i] {
				res.Items[i], matched[i], placed[i] = at(elems[i], i), true, true
			}
		}
	}
	for i := range elems {
		if !placed[i] {
			res.Stray = append(res.Stray, at(elems[i], -1))
		}
	}
	for j := range sent {
		if matched[j] {
			continue
		}
		res.Items[j] = Outcome{Index: j, ID: sent[j].ID, ExternalID: sent[j].ExternalID, Status: StatusOK}
		if status == 206 {
			res.Items[j].Status, res.Items[j].Message = StatusUnknown, "partial success: Graph gave no result for this item"
		}
	}
	return res, nil
}

func at(o Outcome, i int) Outcome {
	o.Index = i
	return o
}

func classify(raw json.RawMessage, status int) Outcome {
	var it bulkItem
	if err := json.Unmarshal(raw, &it); err != nil {
		return Outcome{Status: StatusFailed, Message: "unreadable result: " + string(raw)}
	}
	o := Outcome{ID: it.ID, ExternalID: it.ExternalID, Status: StatusOK}
	switch {
	case it.Error != nil:
		o.Status, o.Code, o.Message = StatusFailed, it.Error.Code, it.Error.Message
	case len(it.Code) > 0 && string(it.Code) != "null":
		code := scalar(it.Code)
		o.Code, o.Message = code, it.Message
		if sub := scalar(firstSet(it.SubCode, it.Subcode)); sub != "" {
			o.Code += "/" + sub
		}
		n, err := strconv.Atoi(code)
		numeric := err == nil
		if (numeric && n != 0 && (n < 200 || n > 299)) || (!numeric && status == 206) {
			o.Status = StatusFailed
		}
	}
	return o
}

// matchKey finds the unmatched item sent with the element's id or externalId.
func matchKey(o Outcome, sent []Sent, matched []bool) int {
	for j, s := range sent {
		if matched[j] {
			continue
		}
		if (o.ID != "" && o.ID == s.ID) || (o.ExternalID != "" && o.ExternalID == s.ExternalID) {
			return j
		}
	}
	return -1
}

// scalar renders a JSON number or string without quotes.
func scalar(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func firstSet(a, b json.RawMessage) json.RawMessage {
	if len(a) > 0 && string(a) != "null" {
		return a
	}
	return b
}

// BulkBody is the request body of the bulk actions, {"value": [items…]}: tiIndicator objects
// for submit and update, strings (ids or externalIds) for the deletes. Raw JSON items are
// sent as given, compacted, without escaping <, > and &.
func BulkBody[T any](items []T) ([]byte, error) {
	if items == nil {
		items = []T{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Value []T `json:"value"`
	}{items}); err != nil {
		return nil, fmt.Errorf("encode bulk request: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}
