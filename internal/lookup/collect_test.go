package lookup

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/mdti-cli/mdti/internal/graph"
)

// pages serves five records, two to a page, and logs each request's query.
func pages(t *testing.T) (*graph.Client, *[]string) {
	var log []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log = append(log, r.URL.RawQuery)
		skip, _ := strconv.Atoi(r.URL.Query().Get("$skip"))
		next := ""
		if skip+2 < 5 {
			next = fmt.Sprintf(`,"@odata.nextLink":"http://%s/v1.0/x?$skip=%d"`, r.Host, skip+2)
		}
		var items string
		for i := skip; i < min(skip+2, 5); i++ {
			if items != "" {
				items += ","
			}
			items += fmt.Sprintf(`{"n":%d}`, i)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"value":[%s]%s}`, items, next)
	}))
	t.Cleanup(srv.Close)
	c := graph.New(graph.WithEndpoint(srv.URL), graph.WithTokenSource(graph.StaticToken("t")))
	return c, &log
}

func TestCollect(t *testing.T) {
	odd := func(rec []byte) bool { return rec[5]%2 == 1 }
	for _, tt := range []struct {
		name  string
		c     Collection
		want  []string
		pages []string
	}{
		{"limit asks $top and stops", Collection{Path: "x", Limit: 3},
			[]string{`{"n":0}`, `{"n":1}`, `{"n":2}`}, []string{"$top=3", "$skip=2"}},
		{"all reads every page", Collection{Path: "x", All: true, Limit: 1},
			[]string{`{"n":0}`, `{"n":1}`, `{"n":2}`, `{"n":3}`, `{"n":4}`}, []string{"", "$skip=2", "$skip=4"}},
		{"keep filters before the limit", Collection{Path: "x", Limit: 2, Keep: odd},
			[]string{`{"n":1}`, `{"n":3}`}, []string{"", "$skip=2"}},
	} {
		client, log := pages(t)
		var got []string
		err := Collect(context.Background(), client, tt.c, func(rec []byte) error {
			got = append(got, string(rec))
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(*log, tt.pages) {
			t.Errorf("%s: records %q, pages %q, %v; want %q, %q", tt.name, got, *log, err, tt.want, tt.pages)
		}
	}
}

// Cut is told when --limit leaves records unread, and only then: a limit that ends the
// page with a nextLink left, or mid-page, is a cut; one that reads the last record is not.
func TestCollectSaysWhenTheLimitCuts(t *testing.T) {
	for _, tt := range []struct {
		limit int
		cut   bool
	}{{1, true}, {2, true}, {4, true}, {5, false}, {7, false}} {
		client, _ := pages(t)
		shown := -1
		c := Collection{Path: "x", Limit: tt.limit, Cut: func(n int, total *int64) {
			if total != nil {
				t.Errorf("limit %d: total %d without $count", tt.limit, *total)
			}
			shown = n
		}}
		if err := Collect(context.Background(), client, c, func([]byte) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if got := shown >= 0; got != tt.cut || tt.cut && shown != tt.limit {
			t.Errorf("limit %d: cut %v (shown %d), want %v", tt.limit, got, shown, tt.cut)
		}
	}
}
