package lookup

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

func things(limit int, all bool) func(Input) Collection {
	return func(in Input) Collection {
		return Collection{Path: graph.TIPath("hosts", in.Key, "things"), Limit: limit, All: all}
	}
}

// Many collections' first pages go 20 to a batch, each with its own $top; the second pages
// of the inputs whose collections go on ride in a second batch of their unit, by their
// nextLinks; records come out in input order, every input's records together, and a
// repeated key is looked up once.
func TestManyCollectionsFirstPagesGoTwentyToABatch(t *testing.T) {
	for _, tt := range []struct {
		name    string
		limit   int
		all     bool
		records int    // per input
		top     string // the batch items' query
		follow  bool   // page 2 fetched, in a batch of its own
	}{
		{"limit within the first page", 2, false, 2, "?$top=2", false},
		{"limit past the first page", 5, false, 3, "?$top=5", true},
		{"all", 100, true, 3, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stub := &stubGraph{}
			var keys []string
			for i := range 45 {
				keys = append(keys, fmt.Sprintf("h%d.test", i))
			}
			keys = append(keys, "h0.test")
			eng := &Engine{Client: stub.client(), Collection: things(tt.limit, tt.all), Concurrency: 3}
			var res Results
			sum, err := eng.Run(context.Background(), inputs(keys...), &res)
			if err != nil || sum != (Summary{}) {
				t.Fatalf("Run = %+v, %v", sum, err)
			}
			wantSizes := []int{5, 20, 20}
			if tt.follow {
				wantSizes = []int{5, 5, 20, 20, 20, 20}
			}
			if got := stub.batchSizes(); !reflect.DeepEqual(got, wantSizes) {
				t.Errorf("batch sizes %v, want %v", got, wantSizes)
			}
			for _, b := range stub.batches {
				for _, u := range b {
					if !strings.HasSuffix(u, "/things"+tt.top) && !(tt.follow && strings.HasSuffix(u, "/things?$skip=2")) {
						t.Fatalf("batch item %q, want its query %q (or page 2's $skip=2)", u, tt.top)
					}
				}
			}
			if len(stub.gets) != 0 {
				t.Errorf("single GETs %q, want none: page 2 rides in a batch", stub.gets)
			}
			if len(res.Outcomes) != len(keys) {
				t.Fatalf("%d outcomes for %d inputs", len(res.Outcomes), len(keys))
			}
			for i, o := range res.Outcomes {
				if o.Index != i || o.Input.Key != keys[i] || o.Err != nil || len(o.Records) != tt.records {
					t.Fatalf("outcome %d = %s, want %d records", i, show([]Outcome{o}), tt.records)
				}
				for n, rec := range o.Records {
					if want := fmt.Sprintf(`{"id":%q,"n":%d}`, keys[i], n); string(rec) != want {
						t.Fatalf("outcome %d record %d = %s, want %s", i, n, rec, want)
					}
				}
			}
		})
	}
}

// A failed first page fails only its own input, named as Collect names it; a batch broken
// by one input is split until that input fails alone.
func TestCollectionFailuresStayWithTheirInput(t *testing.T) {
	stub := &stubGraph{}
	var keys []string
	for i := range 40 {
		keys = append(keys, fmt.Sprintf("h%d.test", i))
	}
	keys[3] = "missing.test"
	keys[25] = "break.test"
	eng := &Engine{Client: stub.client(), Collection: things(100, false), Concurrency: 2}
	var res Results
	sum, err := eng.Run(context.Background(), inputs(keys...), &res)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 || sum.Exit != cmdutil.ExitError {
		t.Errorf("summary %+v, want 2 failed, exit 1", sum)
	}
	for i, o := range res.Outcomes {
		failed := i == 3 || i == 25
		if (o.Err != nil) != failed || failed && len(o.Records) != 0 || !failed && len(o.Records) != 3 {
			t.Errorf("input %d: %s", i, show([]Outcome{o}))
		}
	}
	if e := res.Outcomes[3].Err; e == nil || !strings.HasPrefix(e.Error(), "page 1: ") || cmdutil.ExitCode(e) != cmdutil.ExitNotFound {
		t.Errorf("missing input's error %v, want page 1's 404", e)
	}
}

// One input is fetched directly, as Collect does: no batch.
func TestOneCollectionIsNotBatched(t *testing.T) {
	stub := &stubGraph{}
	eng := &Engine{Client: stub.client(), Collection: things(100, false)}
	var res Results
	if _, err := eng.Run(context.Background(), inputs("a.test"), &res); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.test/things?$top=100", "a.test/things?$skip=2"}
	if len(stub.batches) != 0 || !reflect.DeepEqual(stub.gets, want) {
		t.Errorf("batches %q, GETs %q; want no batch, GETs %q", stub.batches, stub.gets, want)
	}
	if len(res.Outcomes) != 1 || len(res.Outcomes[0].Records) != 3 {
		t.Errorf("outcomes %s", show(res.Outcomes))
	}
}
