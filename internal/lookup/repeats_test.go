package lookup

import (
	"context"
	"fmt"
	"testing"

	"github.com/mdti-cli/mdti/internal/graph"
)

// Inputs that share a key are looked up once, and each gets its own outcome, at its own
// index, in input order: a failure is repeated as well as a record, and counted per input.
func TestRepeatedKeysAreLookedUpOnceAndAnsweredEach(t *testing.T) {
	for _, tc := range []struct {
		name string
		eng  func(*stubGraph) *Engine
	}{
		{"batched entities", func(s *stubGraph) *Engine {
			return &Engine{Client: s.client(), Entity: hostPath, Concurrency: 2, Window: 2}
		}},
		{"fetched one by one", func(s *stubGraph) *Engine {
			return &Engine{Concurrency: 2, Window: 1, Fetch: func(ctx context.Context, in Input, emit func([]byte) error) error {
				rec, err := s.client().Get(ctx, hostPath(in), nil)
				if err != nil {
					return err
				}
				return emit(rec)
			}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := []string{"a.test", "missing.test", "a.test", "b.test", "missing.test", "a.test"}
			stub := &stubGraph{}
			var res Results
			sink := &keptSink{Results: &res}
			sum, err := tc.eng(stub).Run(context.Background(), inputs(keys...), sink)
			if err != nil || sum.Failed != 2 || !graph.IsNotFound(sum.Err) {
				t.Fatalf("Run = %+v, %v; want 2 failed inputs", sum, err)
			}
			if n := stub.lookups(); n != 3 {
				t.Errorf("%d lookups, want 3 (one per key)", n)
			}
			if len(res.Outcomes) != len(keys) {
				t.Fatalf("%d outcomes for %d inputs: %s", len(res.Outcomes), len(keys), show(res.Outcomes))
			}
			for i, o := range res.Outcomes {
				if o.Index != i || o.Input.Key != keys[i] {
					t.Fatalf("outcome %d = %s", i, show([]Outcome{o}))
				}
				if missing := keys[i] == "missing.test"; missing != graph.IsNotFound(o.Err) ||
					!missing && (len(o.Records) != 1 || string(o.Records[0]) != fmt.Sprintf(`{"id":%q}`, keys[i])) {
					t.Errorf("outcome %d = %s", i, show([]Outcome{o}))
				}
			}
		})
	}
}

// keptSink is Results that checks each call's index is the next one.
type keptSink struct{ *Results }

func (s *keptSink) Done(i int, in Input, err error) error {
	if i != len(s.Outcomes) {
		return fmt.Errorf("Done(%d) after %d outcomes", i, len(s.Outcomes))
	}
	return s.Results.Done(i, in, err)
}
