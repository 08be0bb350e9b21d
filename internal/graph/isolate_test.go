package graph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// poisonServer breaks the connection whenever the $batch holds /hosts/poison, and
// answers every other batch; it records the size of each batch it received.
func poisonServer(t *testing.T, sizes *[]int) func(http.ResponseWriter, *http.Request, int) {
	ok := batchServer(t, func(url string, seen int) (int, map[string]string, string) {
		return 200, nil, fmt.Sprintf(`{"id":%q}`, url)
	})
	return func(w http.ResponseWriter, r *http.Request, n int) {
		var body batchReqBody
		_ = json.Unmarshal(readAllBody(r), &body)
		*sizes = append(*sizes, len(body.Requests))
		for _, q := range body.Requests {
			if q.URL == "/hosts/poison" {
				w.Header().Set("Content-Length", "1000")
				_, _ = w.Write([]byte(`{"responses":[`))
				conn, _, _ := http.NewResponseController(w).Hijack()
				_ = conn.Close()
				return
			}
		}
		ok(w, r, n)
	}
}

// One input that breaks the connection used to fail its 19 neighbours too, after about
// 7 s of retries; now its batch is split down to single requests and only it fails.
func TestBatchIsolatesAPoisonedItem(t *testing.T) {
	var sizes []int
	c, _, sl, _ := stub(t, poisonServer(t, &sizes))
	var reqs []BatchRequest
	for i := range 20 {
		u := "/hosts/h" + strconv.Itoa(i)
		if i == 13 {
			u = "/hosts/poison"
		}
		reqs = append(reqs, BatchRequest{Method: "GET", URL: u})
	}
	res, err := c.Batch(t.Context(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if i == 13 {
			if r.Err == nil || !strings.HasPrefix(r.Err.Error(), "batch: POST /v1.0/$batch: read response: ") ||
				!strings.HasSuffix(r.Err.Error(), "; gave up after 5 attempts in 7.5s") {
				t.Errorf("poisoned item: %v", r.Err)
			}
			continue
		}
		if r.Err != nil || string(r.Body) != fmt.Sprintf(`{"id":"/hosts/h%d"}`, i) {
			t.Errorf("item %d = %d %s %v", i, r.Status, r.Body, r.Err)
		}
	}
	// 20 lost; h0-h9 answered, h10-h19 lost; h10-h14 lost: h10-h11 answered, h12-h14
	// lost: h12 answered, h13-h14 lost: h13 alone five times (its own retries), h14
	// answered; then h15-h19 answered.
	want := []int{20, 10, 10, 5, 2, 3, 1, 2, 1, 1, 1, 1, 1, 1, 5}
	if !reflect.DeepEqual(sizes, want) {
		t.Errorf("batch sizes = %v, want %v", sizes, want)
	}
	if fmt.Sprint(sl.waits()) != "[500ms 1s 2s 4s]" {
		t.Errorf("waits = %v, want only the lone item's backoffs", sl.waits())
	}
}

// Writes are never sent twice: a lost $batch holding one is an error for the batch.
func TestBatchWithWriteIsNotSplit(t *testing.T) {
	var sizes []int
	c, _, _, _ := stub(t, poisonServer(t, &sizes))
	res, err := c.Batch(t.Context(), []BatchRequest{{URL: "/hosts/a"}, {Method: "POST", URL: "/hosts/poison", Body: json.RawMessage(`{}`)}})
	if err == nil || !reflect.DeepEqual(sizes, []int{2}) || res[0].Status != 0 {
		t.Errorf("err %v sizes %v res %+v", err, sizes, res)
	}
}
