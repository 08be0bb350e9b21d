package graph

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"
)

// unknownErrors answers 500 UnknownError (or 504 from n = 1 on) until n reaches fails,
// then a hunting result.
func unknownErrors(fails int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n < fails {
			status := http.StatusInternalServerError
			if n%2 == 1 {
				status = http.StatusGatewayTimeout
			}
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":{"code":"UnknownError","message":""}}`)
			return
		}
		fmt.Fprint(w, `{"schema":[{"Name":"A","Type":"Int64"}],"results":[{"A":1}]}`)
	}
}

func TestIdempotentRetriesUnknownError(t *testing.T) {
	c, rec, sl, _ := stub(t, unknownErrors(2))
	resp, err := c.Do(context.Background(), http.MethodPost, "/x", []byte(`{}`), nil, Idempotent())
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("Do = %v, %v", resp, err)
	}
	if rec.count() != 3 || !reflect.DeepEqual(sl.waits(), []time.Duration{500 * time.Millisecond, time.Second}) {
		t.Errorf("%d requests, waits %v; want 3 requests after waits of 500ms and 1s", rec.count(), sl.waits())
	}
}

func TestIdempotentGivesUpAfterMaxAttempts(t *testing.T) {
	c, rec, _, _ := stub(t, unknownErrors(100))
	_, err := c.Do(context.Background(), http.MethodPost, "/x", []byte(`{}`), nil, Idempotent())
	if !IsUnknownError(err) || rec.count() != defaultMaxAttempts {
		t.Errorf("err %v after %d requests, want UnknownError after %d", err, rec.count(), defaultMaxAttempts)
	}
}

// Writes stay unretried: a plain POST's 500 UnknownError is final, and only Idempotent
// makes a transport failure worth another try.
func TestWritesNotRetriedOnUnknownError(t *testing.T) {
	c, rec, _, _ := stub(t, unknownErrors(1))
	_, err := c.Do(context.Background(), http.MethodPost, "/x", []byte(`{}`), nil)
	if !IsUnknownError(err) || rec.count() != 1 {
		t.Errorf("POST: err %v after %d requests, want UnknownError after 1", err, rec.count())
	}
	c, rec, _, _ = stub(t, unknownErrors(1))
	if _, err := c.Get(context.Background(), "/x", nil); err == nil || rec.count() != 1 {
		t.Errorf("GET: err %v after %d requests, want the 500 after 1 (only Idempotent retries it)", err, rec.count())
	}
}

func TestIdempotentRetriesTransportErrors(t *testing.T) {
	hangUp := func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
			return
		}
		fmt.Fprint(w, `{}`)
	}
	c, rec, _, _ := stub(t, hangUp)
	if _, err := c.Do(context.Background(), http.MethodPost, "/x", []byte(`{}`), nil, Idempotent()); err != nil || rec.count() != 2 {
		t.Errorf("err %v after %d requests, want success after 2", err, rec.count())
	}
}

func TestRunHuntingQueryBodyFollowsVersion(t *testing.T) {
	for _, tt := range []struct{ version, timespan, want string }{
		{"v1.0", "", `{"Query":"T | where A > 1"}`},
		{"v1.0", "P7D", `{"Query":"T | where A > 1","Timespan":"P7D"}`},
		{"beta", "P7D", `{"query":"T | where A > 1","timespan":"P7D"}`},
	} {
		c, rec, _, _ := stub(t, unknownErrors(0), WithAPIVersion(tt.version))
		res, err := c.RunHuntingQuery(context.Background(), "T | where A > 1", tt.timespan)
		if err != nil {
			t.Fatal(err)
		}
		r := rec.req(0)
		if got := string(rec.bodies[0]); got != tt.want || r.Method != "POST" || r.URL.Path != "/"+tt.version+"/security/runHuntingQuery" {
			t.Errorf("%s %s %s, want POST …/runHuntingQuery %s", r.Method, r.URL.Path, got, tt.want)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		want := HuntingResults{Schema: []HuntingColumn{{"A", "Int64"}}}
		if !reflect.DeepEqual(res.Schema, want.Schema) || len(res.Results) != 1 || string(res.Results[0]) != `{"A":1}` {
			t.Errorf("results %+v", res)
		}
	}
}

func TestRunHuntingQueryReportsPartialContent(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Add("Warning", `199 - "Microsoft/MDE/504/10000"`)
		w.WriteHeader(http.StatusPartialContent)
		fmt.Fprint(w, `{"schema":[],"results":[]}`)
	})
	res, err := c.RunHuntingQuery(context.Background(), "T", "")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial || len(res.Warnings) != 1 || res.Warnings[0] != `199 - "Microsoft/MDE/504/10000"` {
		t.Errorf("partial %v warnings %q", res.Partial, res.Warnings)
	}
}
