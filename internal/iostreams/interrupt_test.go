package iostreams

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// Data passes through unchanged, whatever sizes the caller reads with.
func TestInterruptibleReaderPassesDataThrough(t *testing.T) {
	want := strings.Repeat("host.example\n", 1000)
	s := &IOStreams{In: strings.NewReader(want)}
	s.StopInputOn(t.Context())
	if err := iotest.TestReader(s.In, []byte(want)); err != nil {
		t.Fatal(err)
	}
}

// sizeRecorder remembers how much each read asked for.
type sizeRecorder struct {
	r     io.Reader
	sizes []int
}

func (s *sizeRecorder) Read(p []byte) (int, error) {
	s.sizes = append(s.sizes, len(p))
	return s.r.Read(p)
}

// A read takes no more from stdin than the caller asked for: a command that reads one
// line leaves the rest of a shell loop's input where it was.
func TestInterruptibleReaderReadsNoMoreThanAsked(t *testing.T) {
	rec := &sizeRecorder{r: strings.NewReader("abcdefgh")}
	s := &IOStreams{In: rec}
	s.StopInputOn(t.Context())
	p := make([]byte, 3)
	if n, err := s.In.Read(p); n != 3 || err != nil || string(p) != "abc" {
		t.Fatalf("Read = %d, %v, %q", n, err, p[:n])
	}
	if len(rec.sizes) != 1 || rec.sizes[0] != 3 {
		t.Errorf("stdin was asked for %v bytes, want [3]", rec.sizes)
	}
}

// A read blocked on input that never comes ends when the context does, with its error.
func TestInterruptibleReaderEndsOnCancel(t *testing.T) {
	pr, pw := io.Pipe() // nothing is ever written: a producer that hangs
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	s := &IOStreams{In: pr}
	s.StopInputOn(ctx)
	got := make(chan error, 1)
	go func() {
		_, err := s.In.Read(make([]byte, 16))
		got <- err
	}()
	cancel()
	select {
	case err := <-got:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Read error %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second): // a hang guard, not a wait for time to pass
		t.Fatal("Read still blocked after cancel")
	}
	if _, err := s.In.Read(make([]byte, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("next Read: %v, want context.Canceled", err)
	}
}

// ReadSecret still reaches the terminal's descriptor through the wrapper.
func TestStdinFileSeesThroughTheWrapper(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	s := &IOStreams{In: r}
	s.StopInputOn(t.Context())
	if f, ok := s.stdinFile(); !ok || f != r {
		t.Errorf("stdinFile = %v, %v; want the pipe's read end", f, ok)
	}
}
