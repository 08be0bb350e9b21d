package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// cancelAfter is a writer that cancels a context once n bytes have reached it.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (w *cancelAfter) Write(b []byte) (int, error) {
	if w.n -= len(b); w.n <= 0 {
		w.cancel()
	}
	return len(b), nil
}

// TestJQCancelled: a cancelled context stops a program that never yields and
// one that yields forever; the error says the context was cancelled.
func TestJQCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range []Format{JSON, JSONL} {
		p, err := NewPrinter(io.Discard, reputation, Options{Format: f, JQ: `last(range(1e12))`, Context: ctx})
		if err != nil {
			t.Fatal(err)
		}
		err = p.Add([]byte(recContoso))
		if err == nil {
			err = p.Close()
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want context.Canceled", f, err)
		}
	}

	// Cancelled while it runs, after its first output reached the writer.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	p, err := NewPrinter(&cancelAfter{n: 1 << 20, cancel: cancel}, reputation, Options{Format: JSONL, JQ: `range(1e12)`, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Add([]byte(recContoso)); !errors.Is(err, context.Canceled) {
		t.Errorf("range(1e12) cancelled mid-run: got %v", err)
	}
}

// failAfter is a writer that fails once n bytes have reached it, as a closed pipe does.
type failAfter struct{ n int }

var errPipe = errors.New("broken pipe")

func (w *failAfter) Write(b []byte) (int, error) {
	if w.n -= len(b); w.n < 0 {
		return 0, errPipe
	}
	return len(b), nil
}

// TestJQStreams: results reach the writer as they come; an endless program
// ends when the writer fails instead of filling a buffer.
func TestJQStreams(t *testing.T) {
	for _, f := range []Format{JSON, JSONL} {
		p, err := NewPrinter(&failAfter{n: 4 << 20}, reputation, Options{Format: f, JQ: `repeat(.)`})
		if err != nil {
			t.Fatal(err)
		}
		err = p.Add([]byte(recContoso))
		if err == nil {
			err = p.Close()
		}
		if !errors.Is(err, errPipe) {
			t.Errorf("%s: repeat(.) got %v, want the writer's error", f, err)
		}
	}
}

// TestJQResultCap: one result larger than the cap is an error, also when it
// is built of shared parts that would print as terabytes.
func TestJQResultCap(t *testing.T) {
	defer func(n int) { maxJQResult = n }(maxJQResult)
	maxJQResult = 1 << 20
	for _, prog := range []string{
		`.query | recurse(. + .)`, // doubles each time (gojq's repeat(f) repeats f on the same input)
		`reduce range(60) as $i (.; [., .])`,
		`[range(1e6)]`,
	} {
		p, err := NewPrinter(io.Discard, reputation, Options{Format: JSONL, JQ: prog})
		if err != nil {
			t.Fatal(err)
		}
		err = p.Add([]byte(recContoso))
		if err == nil || !strings.Contains(err.Error(), "a result is larger than 1 MiB") {
			t.Errorf("%s: got %v, want the size error", prog, err)
		}
	}
	// Just under the cap prints.
	var buf bytes.Buffer
	p, _ := NewPrinter(&buf, reputation, Options{Format: JSONL, JQ: `[range(1000)]`})
	if err := p.Add([]byte(recContoso)); err != nil {
		t.Errorf("a small result: %v", err)
	}
}

// TestJQDocBounded: -o json --jq holds the records for the whole-array program,
// up to a bound; past it, an error says to use jsonl.
func TestJQDocBounded(t *testing.T) {
	defer func(n int) { maxJQDocBytes = n }(maxJQDocBytes)
	maxJQDocBytes = 100 * len(recContoso)
	var buf bytes.Buffer
	p, _ := NewPrinter(&buf, reputation, Options{Format: JSON, JQ: `length`})
	for i := 0; i < 100; i++ {
		if err := p.Add([]byte(recContoso)); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	if err := p.Add([]byte(recContoso)); err == nil || !strings.Contains(err.Error(), "use -o jsonl --jq") {
		t.Errorf("past the bound: got %v", err)
	}
	if err := p.Close(); err != nil || buf.String() != "100\n" {
		t.Errorf("Close: %v, %q", err, buf.String())
	}
}
