package lookup

import (
	"io"
	"time"

	"github.com/jedib0t/go-pretty/v6/progress"
)

// ProgressBar is the go-pretty bar on stderr for runs with many inputs. A nil bar does
// nothing, so callers need not check whether one is shown.
type ProgressBar struct {
	pw      progress.Writer
	tracker *progress.Tracker
}

// StartProgress draws a bar for total inputs on stderr until Stop.
func StartProgress(stderr io.Writer, total, width int) *ProgressBar {
	pw := progress.NewWriter()
	pw.SetOutputWriter(stderr)
	pw.SetAutoStop(false)
	pw.SetTrackerLength(min(40, max(10, width/4)))
	pw.SetMessageLength(12)
	pw.SetUpdateFrequency(100 * time.Millisecond)
	pw.Style().Visibility.ETA = true
	pw.Style().Visibility.Value = true
	pw.Style().Visibility.Speed = true
	pw.Style().Options.SpeedSuffix = "/s"
	pw.Style().Visibility.Time = false
	tr := &progress.Tracker{Message: "looking up", Total: int64(total), Units: progress.UnitsDefault}
	pw.AppendTracker(tr)
	go pw.Render()
	return &ProgressBar{pw: pw, tracker: tr}
}

// Step counts one finished input.
func (b *ProgressBar) Step(failed bool) {
	if b == nil {
		return
	}
	if failed {
		b.tracker.IncrementWithError(1)
		return
	}
	b.tracker.Increment(1)
}

// Writer is where messages go while the bar is drawn: printed above it, not through it.
func (b *ProgressBar) Writer(stderr io.Writer) io.Writer {
	if b == nil {
		return stderr
	}
	return progressLog{b.pw}
}

// Stop removes the bar.
func (b *ProgressBar) Stop() {
	if b == nil {
		return
	}
	b.tracker.MarkAsDone()
	b.pw.Stop()
	for b.pw.IsRenderInProgress() {
		time.Sleep(10 * time.Millisecond)
	}
}

// progressLog turns writes into go-pretty log lines.
type progressLog struct{ pw progress.Writer }

func (p progressLog) Write(b []byte) (int, error) {
	msg := string(b)
	if n := len(msg); n > 0 && msg[n-1] == '\n' {
		msg = msg[:n-1]
	}
	p.pw.Log("%s", msg)
	return len(b), nil
}
