package lookup

import (
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/internal/syncbuf"
)

// A run over before the delay draws nothing; a longer one draws after it, prints
// messages above the line, and Stop erases the line.
func TestProgressAppearsLateAndLeavesNothing(t *testing.T) {
	out := &syncbuf.Buffer{}
	delay, tick := make(chan time.Time), make(chan time.Time)
	b := startProgress(out, 4, 80, delay, tick)
	b.Step(false)
	b.Stop()
	if out.String() != "" {
		t.Fatalf("a short run drew %q", out.String())
	}

	out = &syncbuf.Buffer{}
	b = startProgress(out, 4, 80, delay, tick)
	b.Step(false)
	delay <- time.Time{}
	// A send returns once the bar took the value, that is after it drew for the one
	// before: two ticks make sure the first line is on the screen.
	tick <- time.Time{}
	tick <- time.Time{}
	b.Step(true)
	tick <- time.Time{}
	tick <- time.Time{}
	first := clearLine + "looking up [====>               ] 1/4"
	second := clearLine + "looking up [=========>          ] 2/4, 1 failed"
	// The second tick was in flight when the step came: it drew either count.
	if got := out.String(); !strings.HasPrefix(got, first+first) || !strings.HasSuffix(got, second) {
		t.Fatalf("drawn %q, want %q twice first and %q last", got, first, second)
	}
	b.Writer(nil).Write([]byte("mdti: boom\n"))
	b.Stop()
	got := out.String()
	if !strings.Contains(got, clearLine+"mdti: boom\n"+second) || !strings.HasSuffix(got, second+clearLine) {
		t.Errorf("a message goes above the line and Stop erases it: %q", got)
	}
	var nilBar *ProgressBar
	nilBar.Step(true)
	nilBar.Stop()
}

// Two keys with one hash count once in the total but are looked up each: a count past
// the total draws a full bar, not a crash.
func TestProgressPastItsTotalDrawsFull(t *testing.T) {
	out := &syncbuf.Buffer{}
	delay, tick := make(chan time.Time), make(chan time.Time)
	b := startProgress(out, 1, 80, delay, tick)
	b.Step(false)
	b.Step(false)
	delay <- time.Time{}
	tick <- time.Time{}
	b.Stop()
	if want := "looking up [====================] 2/1"; !strings.Contains(out.String(), want) {
		t.Errorf("drawn %q, want %q", out.String(), want)
	}
}
