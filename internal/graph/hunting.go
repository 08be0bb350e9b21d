package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// HuntingPath is the advanced-hunting action (security-security-runhuntingquery.md).
const HuntingPath = "/security/runHuntingQuery"

// HuntingColumn is one column of a hunting result's schema. The pages print its keys as
// name/type and as Name/Type; encoding/json matches either.
type HuntingColumn struct {
	Name string `json:"name"`
	Type string `json:"type"` // String, DateTime, Int32, Int64, Boolean, Dynamic…
}

// HuntingResults is a huntingQueryResults: the schema, and the rows as Graph sent them
// (their keys in Graph's order, values untouched).
type HuntingResults struct {
	Schema  []HuntingColumn   `json:"schema"`
	Results []json.RawMessage `json:"results"`

	// Partial is set when Graph answered 206 Partial Content and Warnings holds its
	// Warning header items: the Security API's documented way of saying a data provider
	// failed or timed out (security-error-codes.md), so the rows may be incomplete.
	Partial  bool     `json:"-"`
	Warnings []string `json:"-"`
}

// huntingBody is the request body of runHuntingQuery as the selected version documents
// it: v1.0 {"Query", "Timespan"}, beta {"query"} (its page names no time span; a
// timespan given anyway goes as "timespan", and mdti hunt refuses to send one). timespan
// "" is left out, which means Graph's default of 30 days.
func huntingBody(version, query, timespan string) []byte {
	q, t := "Query", "Timespan"
	if version == "beta" {
		q, t = "query", "timespan"
	}
	var b bytes.Buffer
	b.WriteString("{" + quote(q) + ":" + quote(query))
	if timespan != "" {
		b.WriteString("," + quote(t) + ":" + quote(timespan))
	}
	b.WriteString("}")
	return b.Bytes()
}

// quote is a JSON string without HTML escaping: a KQL "a > b" stays readable in --debug.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// RunHuntingQuery runs a KQL query. The action only reads, so it is retried like a GET
// (Idempotent), 500 UnknownError included. Errors are *APIError as for every call.
func (c *Client) RunHuntingQuery(ctx context.Context, query, timespan string) (*HuntingResults, error) {
	body := huntingBody(c.version, query, timespan)
	header := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	resp, err := c.Do(ctx, http.MethodPost, HuntingPath, body, header, Idempotent())
	if err != nil {
		return nil, err
	}
	var res HuntingResults
	if err := json.Unmarshal(resp.Body, &res); err != nil {
		return nil, fmt.Errorf("POST %s: %w: %w%s%s", displayPath(c.base+HuntingPath), errDecode, err, notJSON(resp),
			traceIDs(resp.Header, resp.Header.Get(clientRequestHdr)))
	}
	res.Partial = resp.StatusCode == http.StatusPartialContent
	res.Warnings = resp.Header.Values("Warning")
	return &res, nil
}
