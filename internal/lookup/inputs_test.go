package lookup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/mdti-cli/mdti/internal/graph"
)

// spooled adds the inputs of keys to an Inputs that spools past after, in dir.
func spooled(t *testing.T, dir string, after int, keys ...string) *Inputs {
	t.Helper()
	l := &Inputs{SpoolAfter: after, Dir: dir}
	for _, in := range inputs(keys...) {
		l.Add(in)
	}
	if err := l.Seal(); err != nil {
		t.Fatal(err)
	}
	return l
}

// noFilesIn fails when dir holds anything: a spool file left behind.
func noFilesIn(t *testing.T, dir string) {
	t.Helper()
	if left, err := os.ReadDir(dir); err != nil || len(left) != 0 {
		t.Errorf("left in the temporary directory: %v, %v", left, err)
	}
}

// A spooled list runs as one in memory: every input in order, its own outcome at its own
// index, a key looked up once however near or far its repeats are; and Close leaves no
// file.
func TestSpooledInputsRunInOrderWithRepeats(t *testing.T) {
	var keys []string
	for i := range 70 {
		keys = append(keys, fmt.Sprintf("h%d.test", i))
	}
	keys = append(keys[:3], append([]string{"h2.test", "h2.test", "missing.test"}, keys[3:]...)...)
	keys = append(keys, "h0.test", "missing.test", "h40.test") // far from their first
	for _, tc := range []struct {
		name string
		eng  func(*stubGraph) *Engine
	}{
		{"batched", func(s *stubGraph) *Engine {
			return &Engine{Client: s.client(), Entity: hostPath, Concurrency: 3, Window: 25}
		}},
		{"one by one", func(s *stubGraph) *Engine {
			return &Engine{Concurrency: 3, Window: 7, Fetch: func(ctx context.Context, in Input, emit func([]byte) error) error {
				rec, err := s.client().Get(ctx, hostPath(in), nil)
				if err != nil {
					return err
				}
				return emit(rec)
			}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l := spooled(t, dir, 4, keys...)
			if !l.Spooled() || l.Len() != len(keys) || l.Distinct() != 71 {
				t.Fatalf("Spooled %v, Len %d, Distinct %d; want a spool, %d, 71", l.Spooled(), l.Len(), l.Distinct(), len(keys))
			}
			if !l.Repeated("h2.test") || !l.Repeated("missing.test") || l.Repeated("h3.test") {
				t.Error("Repeated says otherwise")
			}
			stub := &stubGraph{}
			var res Results
			sum, err := tc.eng(stub).RunInputs(context.Background(), l, &keptSink{Results: &res})
			if err != nil || sum.Failed != 2 {
				t.Fatalf("RunInputs = %+v, %v; want 2 failed inputs", sum, err)
			}
			if n := stub.lookups(); n != 71 {
				t.Errorf("%d lookups, want 71 (one per key)", n)
			}
			checkOutcomes(t, keys, res.Outcomes)
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			noFilesIn(t, dir)
		})
	}
}

func checkOutcomes(t *testing.T, keys []string, outcomes []Outcome) {
	t.Helper()
	if len(outcomes) != len(keys) {
		t.Fatalf("%d outcomes for %d inputs", len(outcomes), len(keys))
	}
	for i, o := range outcomes {
		missing := keys[i] == "missing.test"
		ok := o.Index == i && o.Input.Key == keys[i] && missing == graph.IsNotFound(o.Err) &&
			(missing || len(o.Records) == 1 && string(o.Records[0]) == fmt.Sprintf(`{"id":%q}`, keys[i]))
		if !ok {
			t.Fatalf("outcome %d = %s", i, show([]Outcome{o}))
		}
	}
}

// Two different keys with one hash are told apart by comparing the keys: the other key is
// looked up on its own (each time: the hash is all the first pass kept), and every input
// gets its own key's answer.
func TestHashCollisionLooksUpTheOtherKey(t *testing.T) {
	keys := []string{"a.test", "b.test", "a.test", "c.test", "b.test", "a.test"}
	l := &Inputs{hash: func(key string) uint64 {
		if key == "c.test" {
			return 2
		}
		return 1 // a.test and b.test collide
	}}
	for _, in := range inputs(keys...) {
		l.Add(in)
	}
	if l.Distinct() != 2 {
		t.Errorf("Distinct = %d, want 2: the hashes are all the first pass kept", l.Distinct())
	}
	var mu sync.Mutex
	asked := map[string]int{}
	eng := &Engine{Concurrency: 2, Window: 3, Fetch: func(_ context.Context, in Input, emit func([]byte) error) error {
		mu.Lock()
		asked[in.Key]++
		mu.Unlock()
		return emit(fmt.Appendf(nil, `{"id":%q}`, in.Key))
	}}
	var res Results
	if _, err := eng.RunInputs(context.Background(), l, &keptSink{Results: &res}); err != nil {
		t.Fatal(err)
	}
	checkOutcomes(t, keys, res.Outcomes)
	if want := map[string]int{"a.test": 1, "b.test": 2, "c.test": 1}; fmt.Sprint(asked) != fmt.Sprint(want) {
		t.Errorf("looked up %v, want %v", asked, want)
	}
}

// A long run of repeats in the middle of a batch does not pile up: the reader sends the
// part of the unit it has and waits, so no more than Window + BatchSize inputs are held.
// The test plays the workers itself, so it sees each point where the reader waits.
func TestRepeatsInsideABatchStayWithinTheWindow(t *testing.T) {
	const window = BatchSize
	keys := []string{"a.test", "b.test"}
	for range 200 {
		keys = append(keys, "a.test")
	}
	keys = append(keys, "c.test", "d.test")
	l := &Inputs{}
	for _, in := range inputs(keys...) {
		l.Add(in)
	}
	eng := &Engine{Entity: hostPath, Window: window}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var res Results
	out := newOrdered(&keptSink{Results: &res}, cancel, nil)
	stalled := make(chan int, 1)
	out.stalled = func(i int) {
		if held := len(out.pending); held > window+BatchSize {
			t.Errorf("%d inputs held while waiting to add input %d; want at most %d", held, i, window+BatchSize)
		}
		select {
		case stalled <- i:
		default:
		}
	}
	jobs := make(chan unit, len(keys))
	done := make(chan struct{})
	go func() {
		eng.dispatch(ctx, l, out, jobs)
		close(jobs)
		close(done)
	}()
	var units []unit
	answer := func() { // the workers: answer every unit sent so far
		for {
			select {
			case u, ok := <-jobs:
				if !ok {
					return
				}
				units = append(units, u)
				out.mu.Lock()
				if held := len(out.pending); held > window+BatchSize {
					t.Errorf("%d inputs held when a unit was sent; want at most %d", held, window+BatchSize)
				}
				out.mu.Unlock()
				for _, it := range u {
					_ = out.emit(it.i, fmt.Appendf(nil, `{"id":%q}`, it.in.Key))
					out.finish(it.i, nil)
				}
			default:
				return
			}
		}
	}
	stalls := 0
	for waiting := true; waiting; {
		select {
		case <-stalled:
			stalls++
			answer()
		case <-done:
			waiting = false
		}
	}
	answer()
	if stalls == 0 {
		t.Error("the reader never waited for the window")
	}
	if len(units) != 2 || len(units[0]) != 2 || len(units[1]) != 2 {
		t.Errorf("units %v, want [a b] sent early, then [c d]", units)
	}
	checkOutcomesOK(t, keys, res.Outcomes)
}

func checkOutcomesOK(t *testing.T, keys []string, outcomes []Outcome) {
	t.Helper()
	if len(outcomes) != len(keys) {
		t.Fatalf("%d outcomes for %d inputs", len(outcomes), len(keys))
	}
	for i, o := range outcomes {
		if o.Index != i || o.Err != nil || len(o.Records) != 1 || string(o.Records[0]) != fmt.Sprintf(`{"id":%q}`, keys[i]) {
			t.Fatalf("outcome %d = %s", i, show([]Outcome{o}))
		}
	}
}

// A repeated key is followed only between its first and its last input: after the last,
// nothing of it is left in the reader.
func TestRepeatedKeyIsLetGoAfterItsLastInput(t *testing.T) {
	keys := []string{"a", "b", "a", "c", "b", "a", "d"}
	l := &Inputs{}
	for _, in := range inputs(keys...) {
		l.Add(in)
	}
	if err := l.Seal(); err != nil {
		t.Fatal(err)
	}
	tr := newRepeatTracker(l)
	open := []int{1, 2, 2, 2, 1, 0, 0} // keys followed after each input
	kinds := []string{"first", "first", "repeat", "single", "repeat", "repeat", "single"}
	for i, in := range inputs(keys...) {
		keep, from := tr.see(in)
		kind := map[bool]string{true: "first", false: "single"}[keep != nil]
		if from != nil {
			kind = "repeat"
		}
		if kind != kinds[i] || len(tr.open) != open[i] {
			t.Errorf("input %d (%s): %s with %d keys followed; want %s with %d", i, keys[i], kind, len(tr.open), kinds[i], open[i])
		}
	}
	if newRepeatTracker(InputsOf(inputs("a", "b"))) != nil {
		t.Error("a list without repeats is followed")
	}
}

// Closing the inputs removes the spool file whether the run succeeded, failed in the sink
// or was cancelled; a spool that cannot be made is an error before anything is read.
func TestSpoolFileGoesOnEveryPath(t *testing.T) {
	keys := []string{"a.test", "b.test", "c.test", "d.test", "e.test", "f.test"}
	fetch := func(_ context.Context, in Input, emit func([]byte) error) error { return emit([]byte(`{}`)) }
	for _, tc := range []struct {
		name string
		run  func(*Inputs) error
	}{
		{"success", func(l *Inputs) error {
			_, err := (&Engine{Fetch: fetch}).RunInputs(context.Background(), l, &Results{})
			return err
		}},
		{"sink failure", func(l *Inputs) error {
			_, err := (&Engine{Fetch: fetch}).RunInputs(context.Background(), l, failingSink{at: 3, err: errors.New("closed pipe")})
			if err == nil {
				return errors.New("the sink's failure was not returned")
			}
			return nil
		}},
		{"cancelled", func(l *Inputs) error {
			ctx, cancel := context.WithCancel(context.Background())
			eng := &Engine{Fetch: func(ctx context.Context, in Input, emit func([]byte) error) error {
				if in.Key == "c.test" {
					cancel()
					return ctx.Err()
				}
				return emit([]byte(`{}`))
			}}
			if _, err := eng.RunInputs(ctx, l, &Results{}); !errors.Is(err, context.Canceled) {
				return fmt.Errorf("run = %v, want cancelled", err)
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l := spooled(t, dir, 2, keys...)
			err := tc.run(l)
			if cerr := l.Close(); cerr != nil {
				t.Fatal(cerr)
			}
			if err != nil {
				t.Fatal(err)
			}
			noFilesIn(t, dir)
		})
	}
	l := &Inputs{SpoolAfter: 1, Dir: t.TempDir() + "/missing"}
	l.Add(Input{Key: "a"})
	l.Add(Input{Key: "b"})
	if err := l.Seal(); err == nil {
		t.Error("Seal without a spool directory succeeded")
	}
	if _, err := (&Engine{Fetch: fetch}).RunInputs(context.Background(), l, &Results{}); err == nil {
		t.Error("RunInputs ran inputs that could not be spooled")
	}
	l.Close()
}
