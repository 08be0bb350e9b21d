package lookup

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mdti-cli/mdti/internal/graph"
)

// stubGraph is a RoundTripper that answers like Graph: hosts/{key} GETs and $batch POSTs
// of them. A key names its answer: "missing…" is a 404, "forbidden…" a 403,
// "throttled…" a 429, "unauth…" a 401; anything else is {"id": key}. A batch holding a
// "break…" key gets a response cut off mid-body.
type stubGraph struct {
	mu      sync.Mutex
	gets    []string // keys of single GETs
	batches [][]string
	bodies  []string // the $batch request bodies, as sent
}

const stubBase = "https://graph.test"

func (s *stubGraph) client() *graph.Client {
	return graph.New(
		graph.WithEndpoint(stubBase),
		graph.WithHTTPClient(&http.Client{Transport: s}),
		graph.WithTokenSource(graph.StaticToken("t")),
		graph.WithMaxAttempts(1),
		graph.WithSleeper(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }),
	)
}

func (s *stubGraph) RoundTrip(r *http.Request) (*http.Response, error) {
	const prefix = "/security/threatIntelligence/hosts/"
	_, path, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/") // past the version
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix("/"+path, prefix):
		key := strings.TrimPrefix("/"+path, prefix)
		s.mu.Lock()
		s.gets = append(s.gets, strings.TrimPrefix(r.URL.String(), stubBase+"/v1.0"+prefix))
		s.mu.Unlock()
		status, body := answer(key)
		if k, ok := strings.CutSuffix(key, "/things"); ok {
			status, body = thingsAnswer(k, r.URL.Query().Get("$skip"))
		}
		return response(r, status, body), nil
	case r.Method == http.MethodPost && r.URL.Path == "/v1.0/$batch":
		return s.batch(r)
	}
	return response(r, http.StatusBadRequest, `{"error":{"code":"BadRequest","message":"unexpected"}}`), nil
}

func (s *stubGraph) batch(r *http.Request) (*http.Response, error) {
	var in struct {
		Requests []struct{ ID, URL string } `json:"requests"`
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	type item struct {
		ID     string          `json:"id"`
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	}
	var keys []string
	var out []item
	broken := false
	for _, q := range in.Requests {
		key := strings.TrimPrefix(q.URL, "/security/threatIntelligence/hosts/")
		keys = append(keys, key)
		broken = broken || strings.HasPrefix(key, "break")
		status, body := answer(key)
		if k, query, ok := strings.Cut(key, "/things"); ok {
			v, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
			status, body = thingsAnswer(k, v.Get("$skip"))
		}
		out = append(out, item{ID: q.ID, Status: status, Body: json.RawMessage(body)})
	}
	s.mu.Lock()
	s.batches = append(s.batches, keys)
	s.bodies = append(s.bodies, string(raw))
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"responses": out})
	if broken {
		b = b[:len(b)/2]
	}
	return response(r, http.StatusOK, string(b)), nil
}

// batchSizes are the sizes of the batches sent, smallest first.
func (s *stubGraph) batchSizes() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n []int
	for _, b := range s.batches {
		n = append(n, len(b))
	}
	sort.Ints(n)
	return n
}

func answer(key string) (int, string) {
	for prefix, status := range map[string]int{"missing": 404, "forbidden": 403, "throttled": 429, "unauth": 401} {
		if strings.HasPrefix(key, prefix) {
			return status, fmt.Sprintf(`{"error":{"code":"E%d","message":"%s says %d"}}`, status, key, status)
		}
	}
	return http.StatusOK, fmt.Sprintf(`{"id":%q}`, key)
}

// thingsAnswer is page skip of key's collection "things", two records to a page, the next
// page linked absolutely as Graph does. It has three records, or N for a key "nN-…"; a key
// holding "gone" answers 404 from its second page on; one holding "beta" links to the beta
// version root, one holding "foreign" to another host.
func thingsAnswer(key, skip string) (int, string) {
	if status, body := answer(key); status != http.StatusOK {
		return status, body
	}
	from, _ := strconv.Atoi(skip)
	if strings.Contains(key, "gone") && from > 0 {
		return http.StatusNotFound, `{"error":{"code":"E404","message":"page gone"}}`
	}
	total := 3
	if n, _, ok := strings.Cut(strings.TrimPrefix(key, "n"), "-"); ok && strings.HasPrefix(key, "n") {
		total, _ = strconv.Atoi(n)
	}
	var recs []string
	for n := from; n < min(from+2, total); n++ {
		recs = append(recs, fmt.Sprintf(`{"id":%q,"n":%d}`, key, n))
	}
	next := ""
	if from+2 < total {
		root := stubBase + "/v1.0"
		switch {
		case strings.Contains(key, "beta"):
			root = stubBase + "/beta"
		case strings.Contains(key, "foreign"):
			root = "https://elsewhere.test/v1.0"
		}
		next = fmt.Sprintf(`,"@odata.nextLink":"%s/security/threatIntelligence/hosts/%s/things?$skip=%d"`, root, key, from+2)
	}
	return http.StatusOK, `{"value":[` + strings.Join(recs, ",") + `]` + next + `}`
}

func response(r *http.Request, status int, body string) *http.Response {
	return &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(bytes.NewBufferString(body)),
		Request:    r,
	}
}

// inputs makes one Input per key, queried as typed in upper case.
func inputs(keys ...string) []Input {
	in := make([]Input, len(keys))
	for i, k := range keys {
		in[i] = Input{Query: strings.ToUpper(k), Key: k}
	}
	return in
}

func hostPath(in Input) string { return graph.TIPath("hosts", in.Key) }

// lookups counts the keys asked for, singly or in batches.
func (s *stubGraph) lookups() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.gets)
	for _, b := range s.batches {
		n += len(b)
	}
	return n
}
