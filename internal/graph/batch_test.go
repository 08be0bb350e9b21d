package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

type batchReqBody struct {
	Requests []struct {
		ID, Method, URL string
		Headers         map[string]string
		Body            json.RawMessage
	}
}

// batchServer answers each sub-request with sub(url, attempt of that url),
// in reverse order to prove results are matched by id.
func batchServer(t *testing.T, sub func(url string, seen int) (int, map[string]string, string)) func(http.ResponseWriter, *http.Request, int) {
	seen := map[string]int{}
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method != "POST" || r.URL.Path != "/v1.0/$batch" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("batch request %s %s %q", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		var body batchReqBody
		_ = json.Unmarshal(readAllBody(r), &body)
		var out []map[string]any
		for _, q := range slices.Backward(body.Requests) {
			seen[q.URL]++
			st, h, b := sub(q.URL, seen[q.URL])
			out = append(out, map[string]any{"id": q.ID, "status": st, "headers": h, "body": json.RawMessage(b)})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"responses": out})
	}
}

// readAllBody returns the body the recorder already read.
func readAllBody(r *http.Request) []byte { return r.Context().Value(bodyKey{}).([]byte) }

type bodyKey struct{}

func TestBatchSplitsRetriesAndKeepsOrder(t *testing.T) {
	var rec *recorder
	handler := batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		switch {
		case url == "/hosts/h3" && seen == 1:
			return 429, map[string]string{"retry-after": "7"}, `{"error":{"code":"TooManyRequests","message":"slow"}}`
		case url == "/hosts/h30" && seen <= 2:
			return 503, nil, `{"error":{"code":"ServiceUnavailable","message":"later"}}`
		case url == "/hosts/h5":
			return 404, nil, `{"error":{"code":"NotFound","message":"no h5"}}`
		}
		return 200, map[string]string{"Content-Type": "application/json"}, fmt.Sprintf(`{"id":%q}`, url)
	})
	c, r, sl, _ := stub(t, handler)
	rec = r
	var reqs []BatchRequest
	for i := range 45 {
		reqs = append(reqs, BatchRequest{ID: "q" + strconv.Itoa(i), URL: "/hosts/h" + strconv.Itoa(i)})
	}
	res, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 45 {
		t.Fatalf("results = %d", len(res))
	}
	for i, r := range res {
		if r.ID != reqs[i].ID {
			t.Errorf("result %d has id %q", i, r.ID)
		}
		if i == 5 {
			if r.Status != 404 || !IsNotFound(r.Err) || r.Err.Error() != "GET /v1.0/hosts/h5: 404 NotFound: no h5" {
				t.Errorf("h5 = %d %v", r.Status, r.Err)
			}
			continue
		}
		if r.Status != 200 || r.Err != nil || string(r.Body) != fmt.Sprintf(`{"id":"/hosts/h%d"}`, i) {
			t.Errorf("result %d = %d %s %v", i, r.Status, r.Body, r.Err)
		}
	}
	// 3 POSTs of 20, 20, 5; then h3 and h30 alone; then h30 alone.
	var sizes []int
	for i := range rec.count() {
		var b batchReqBody
		_ = json.Unmarshal(rec.bodies[i], &b)
		sizes = append(sizes, len(b.Requests))
	}
	if !reflect.DeepEqual(sizes, []int{20, 20, 5, 2, 1}) {
		t.Errorf("batch sizes = %v", sizes)
	}
	// Round 1 waits for the longest Retry-After (7s beats 500ms backoff).
	if !reflect.DeepEqual(sl.waits(), []time.Duration{7 * time.Second, time.Second}) {
		t.Errorf("waits = %v", sl.waits())
	}
}

func TestBatchGivesUpAfterMaxAttempts(t *testing.T) {
	c, rec, _, _ := stub(t, batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		if url == "/a" {
			return 429, map[string]string{"Retry-After": "1"}, `{"error":{"code":"TooManyRequests","message":"x"}}`
		}
		return 200, nil, `{}`
	}), WithMaxAttempts(3))
	res, err := c.Batch(context.Background(), []BatchRequest{{ID: "a", URL: "/a"}, {ID: "b", URL: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if !IsThrottled(res[0].Err) || res[1].Err != nil || rec.count() != 3 {
		t.Errorf("results %+v after %d POSTs", res, rec.count())
	}
}

func TestBatchFailure(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.WriteHeader(400)
		fmt.Fprint(w, `{"error":{"code":"BadRequest","message":"malformed batch"}}`)
	})
	_, err := c.Batch(context.Background(), []BatchRequest{{ID: "a", URL: "/a"}})
	if err == nil || err.Error() != "batch: POST /v1.0/$batch: 400 BadRequest: malformed batch (date: "+shownDate+")" {
		t.Errorf("err = %v", err)
	}
	res, err := c.Batch(context.Background(), []BatchRequest{{ID: "abs", URL: "https://evil.example/x"}})
	if err != nil || res[0].Err == nil {
		t.Errorf("absolute url: %v %+v", err, res)
	}
}

// A $batch of GETs whose connection breaks is sent again, as a GET would be; a batch with
// a write in it is not.
func TestBatchOfReadsRetriedAfterConnectionFailure(t *testing.T) {
	for _, tc := range []struct {
		method string
		want   int
	}{{"GET", 2}, {"POST", 1}} {
		c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				w.Header().Set("Content-Length", "1000")
				_, _ = w.Write([]byte(`{"responses":[`))
				conn, _, _ := http.NewResponseController(w).Hijack()
				_ = conn.Close()
				return
			}
			fmt.Fprint(w, `{"responses":[{"id":"0","status":200,"body":{"id":"a"}}]}`)
		})
		res, err := c.Batch(context.Background(), []BatchRequest{{Method: tc.method, URL: "/a"}})
		if rec.count() != tc.want {
			t.Errorf("%s: %d requests, want %d", tc.method, rec.count(), tc.want)
		}
		if tc.want == 2 && (err != nil || res[0].Status != 200) {
			t.Errorf("%s: %v %+v", tc.method, err, res)
		}
	}
}
