package lookup

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// One input is one GET, never a batch, and its failure is an outcome like any other.
func TestOneInputIsFetchedDirectly(t *testing.T) {
	stub := &stubGraph{}
	eng := &Engine{Client: stub.client(), Entity: hostPath, Concurrency: 4}
	var res Results
	sum, err := eng.Run(context.Background(), inputs("contoso.com"), &res)
	if err != nil || sum != (Summary{}) {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if !reflect.DeepEqual(stub.gets, []string{"contoso.com"}) || len(stub.batches) != 0 {
		t.Errorf("gets %q, batches %q: want one GET", stub.gets, stub.batches)
	}
	want := []Outcome{{Index: 0, Input: Input{"CONTOSO.COM", "contoso.com"}, Records: [][]byte{[]byte(`{"id":"contoso.com"}`)}}}
	if !reflect.DeepEqual(res.Outcomes, want) {
		t.Errorf("outcomes %s", show(res.Outcomes))
	}

	res = Results{}
	sum, err = eng.Run(context.Background(), inputs("missing.example"), &res)
	if err != nil || sum.Failed != 1 || sum.Exit != cmdutil.ExitNotFound || !graph.IsNotFound(sum.Err) {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if len(res.Outcomes) != 1 || !graph.IsNotFound(res.Outcomes[0].Err) {
		t.Errorf("outcomes %s", show(res.Outcomes))
	}
}

// Entity GETs go 20 to a batch; the records come back in input order, and an input that
// repeats a key is its own outcome without a lookup of its own.
func TestManyEntitiesGoTwentyToABatchInOrder(t *testing.T) {
	stub := &stubGraph{}
	var keys []string
	for i := range 45 {
		keys = append(keys, fmt.Sprintf("h%d.test", i))
	}
	keys = append(keys, "h0.test")
	eng := &Engine{Client: stub.client(), Entity: hostPath, Concurrency: 3}
	var res Results
	sum, err := eng.Run(context.Background(), inputs(keys...), &res)
	if err != nil || sum != (Summary{}) {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if got := stub.batchSizes(); !reflect.DeepEqual(got, []int{5, 20, 20}) {
		t.Errorf("batch sizes %v, want [5 20 20]", got)
	}
	if len(stub.gets) != 0 {
		t.Errorf("single GETs %q beside the batches", stub.gets)
	}
	if len(res.Outcomes) != len(keys) {
		t.Fatalf("%d outcomes for %d inputs", len(res.Outcomes), len(keys))
	}
	for i, o := range res.Outcomes {
		want := fmt.Sprintf(`{"id":%q}`, keys[i])
		if o.Index != i || o.Input.Key != keys[i] || o.Err != nil || len(o.Records) != 1 || string(o.Records[0]) != want {
			t.Fatalf("outcome %d = %s, want %s", i, show([]Outcome{o}), want)
		}
	}
}

// A batch whose response breaks off is re-sent in halves by the Graph client, so only
// the input that breaks it fails, with an error saying so; its neighbours are answered.
func TestBrokenBatchFailsOnlyTheInputThatBreaksIt(t *testing.T) {
	stub := &stubGraph{}
	var keys []string
	for i := range 60 {
		keys = append(keys, fmt.Sprintf("h%d.test", i))
	}
	keys[25] = "break.test" // in the second batch: inputs 20-39
	eng := &Engine{Client: stub.client(), Entity: hostPath, Concurrency: 2}
	var res Results
	sum, err := eng.Run(context.Background(), inputs(keys...), &res)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || sum.Exit != cmdutil.ExitError {
		t.Errorf("summary %+v, want 1 failed, exit 1", sum)
	}
	if len(res.Outcomes) != 60 {
		t.Fatalf("%d outcomes, want 60", len(res.Outcomes))
	}
	for i, o := range res.Outcomes {
		broken := i == 25
		if (o.Err != nil) != broken || broken && len(o.Records) != 0 {
			t.Errorf("input %d: %s", i, show([]Outcome{o}))
		}
		if broken && !strings.HasPrefix(o.Err.Error(), "batch: ") {
			t.Errorf("input %d: error %q does not say the batch failed", i, o.Err)
		}
	}
}

// The worst exit code of a run follows the priority 2 > 4 > 6 > 7 > 1 > 5 > 3 > 0.
func TestWorstExitCodeByPriority(t *testing.T) {
	errs := map[string]error{
		"usage":     cmdutil.FlagErrorf("bad"),
		"auth":      &graph.APIError{StatusCode: 401},
		"forbidden": &graph.APIError{StatusCode: 403},
		"throttled": &graph.APIError{StatusCode: 429},
		"error":     errors.New("boom"),
		"notfound":  &graph.APIError{StatusCode: 404},
		"threshold": &cmdutil.ThresholdError{Summary: "hit"},
		"ok":        nil,
	}
	for _, tt := range []struct {
		keys []string
		want int
	}{
		{[]string{"ok", "ok"}, 0},
		{[]string{"ok", "threshold"}, 3},
		{[]string{"threshold", "notfound", "ok"}, 5},
		{[]string{"notfound", "error", "threshold"}, 1},
		{[]string{"error", "throttled", "notfound"}, 7},
		{[]string{"throttled", "forbidden", "error"}, 6},
		{[]string{"forbidden", "auth", "throttled"}, 4},
		{[]string{"auth", "usage", "forbidden", "ok"}, 2},
	} {
		eng := &Engine{Concurrency: 2, Fetch: func(_ context.Context, in Input, emit func([]byte) error) error {
			return errs[in.Key]
		}}
		var res Results
		sum, err := eng.Run(context.Background(), inputs(tt.keys...), &res)
		if err != nil || sum.Exit != tt.want {
			t.Errorf("%v: exit %d (%v), want %d", tt.keys, sum.Exit, err, tt.want)
		}
	}
}

// Outcomes come out in input order however the inputs finish: here in reverse.
func TestOrderKeptWhenInputsFinishInReverse(t *testing.T) {
	const n = 6
	release := make([]chan struct{}, n)
	for i := range release {
		release[i] = make(chan struct{})
	}
	var started sync.WaitGroup
	started.Add(n)
	finished := make(chan int, n)
	eng := &Engine{Concurrency: n, Fetch: func(_ context.Context, in Input, emit func([]byte) error) error {
		i := int(in.Key[0] - 'a')
		if err := emit([]byte(`"first"`)); err != nil {
			return err
		}
		started.Done()
		<-release[i]
		defer func() { finished <- i }()
		return emit([]byte(`"second"`))
	}}
	go func() {
		started.Wait()
		for i := n - 1; i >= 0; i-- {
			close(release[i])
			<-finished
		}
	}()
	var res Results
	if _, err := eng.Run(context.Background(), inputs("a", "b", "c", "d", "e", "f"), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Outcomes) != n {
		t.Fatalf("%d outcomes", len(res.Outcomes))
	}
	for i, o := range res.Outcomes {
		if o.Index != i || string(o.Records[0]) != `"first"` || string(o.Records[1]) != `"second"` || len(o.Records) != 2 {
			t.Errorf("outcome %d: %s", i, show([]Outcome{o}))
		}
	}
}

// Workers never start an input Window or more past the first unfinished one, so a slow
// head bounds what waits in memory.
func TestWindowBoundsLookAhead(t *testing.T) {
	const window = 4
	head := make(chan struct{})
	var finished atomic.Int32 // inputs handed to the sink
	var violations atomic.Int32
	var others sync.WaitGroup
	others.Add(window - 1)
	eng := &Engine{Concurrency: 2, Window: window, Fetch: func(_ context.Context, in Input, emit func([]byte) error) error {
		var i int
		fmt.Sscan(in.Key, &i)
		// Input i may start only when input i-window has been handed over.
		if i >= window && int(finished.Load()) <= i-window {
			violations.Add(1)
		}
		switch {
		case i == 0:
			<-head
		case i < window:
			defer others.Done()
		}
		return emit([]byte(`{}`))
	}}
	go func() {
		others.Wait() // inputs 1-3 are done and buffered; input 4 must wait for input 0
		close(head)
	}()
	var keys []string
	for i := range 40 {
		keys = append(keys, fmt.Sprint(i))
	}
	sink := &countingSink{done: &finished}
	if _, err := eng.Run(context.Background(), inputs(keys...), sink); err != nil {
		t.Fatal(err)
	}
	if v := violations.Load(); v != 0 {
		t.Errorf("%d inputs started beyond the window", v)
	}
	if finished.Load() != 40 {
		t.Errorf("%d inputs finished, want 40", finished.Load())
	}
}

type countingSink struct{ done *atomic.Int32 }

func (s *countingSink) Record(int, Input, []byte) error { return nil }
func (s *countingSink) Done(int, Input, error) error {
	s.done.Add(1)
	return nil
}

// Cancelling mid-run stops the run: no new input starts, inputs cut short get no
// outcome, and Run says the context ended.
func TestCancelMidRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int32
	var res Results
	firstFive := make(chan struct{})
	sink := &signalSink{Results: &res, at: 4, signal: firstFive}
	eng := &Engine{Concurrency: 2, Window: 4, Fetch: func(ctx context.Context, in Input, emit func([]byte) error) error {
		started.Add(1)
		if in.Key == "5" {
			<-firstFive
			cancel() // Ctrl-C while input 5 is in flight
		}
		if ctx.Err() != nil {
			return fmt.Errorf("get %s: %w", in.Key, ctx.Err())
		}
		return emit([]byte(`{}`))
	}}
	var keys []string
	for i := range 100 {
		keys = append(keys, fmt.Sprint(i))
	}
	_, err := eng.Run(ctx, inputs(keys...), sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error %v, want context.Canceled", err)
	}
	// Inputs 0-4 finished before; 6-8 may have finished beside input 5 (the window is 4);
	// input 5, cut short, has no outcome, and nothing started after it.
	for i, o := range res.Outcomes {
		if i < 5 && o.Index != i || o.Err != nil || o.Index == 5 || o.Index >= 5+4 {
			t.Errorf("outcome %s", show([]Outcome{o}))
		}
	}
	if len(res.Outcomes) < 5 {
		t.Errorf("%d outcomes, want inputs 0-4 at least", len(res.Outcomes))
	}
	if n := started.Load(); n > 5+4 {
		t.Errorf("%d inputs started; the run went on after the cancellation", n)
	}
}

// signalSink is Results that closes signal once input at is done.
type signalSink struct {
	*Results
	at     int
	signal chan struct{}
}

func (s *signalSink) Done(i int, in Input, err error) error {
	if i == s.at {
		close(s.signal)
	}
	return s.Results.Done(i, in, err)
}

// A sink that fails (a closed pipe) ends the run with its error.
func TestSinkFailureEndsTheRun(t *testing.T) {
	broken := errors.New("broken pipe")
	var started atomic.Int32
	eng := &Engine{Concurrency: 2, Window: 4, Fetch: func(_ context.Context, _ Input, emit func([]byte) error) error {
		started.Add(1)
		return emit([]byte(`{}`))
	}}
	var keys []string
	for i := range 100 {
		keys = append(keys, fmt.Sprint(i))
	}
	_, err := eng.Run(context.Background(), inputs(keys...), failingSink{at: 3, err: broken})
	if !errors.Is(err, broken) {
		t.Fatalf("Run error %v, want the sink's", err)
	}
	if n := started.Load(); n > 3+4+2 {
		t.Errorf("%d inputs started after the sink failed", n)
	}
}

type failingSink struct {
	at  int
	err error
}

func (s failingSink) Record(i int, _ Input, _ []byte) error {
	if i == s.at {
		return s.err
	}
	return nil
}
func (s failingSink) Done(int, Input, error) error { return nil }

func show(os []Outcome) string {
	var b strings.Builder
	for _, o := range os {
		fmt.Fprintf(&b, "{%d %+v err=%v records=%q} ", o.Index, o.Input, o.Err, o.Records)
	}
	return b.String()
}
