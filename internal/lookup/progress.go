package lookup

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressDelay is how long a run goes before its progress line appears: a run that is
// over sooner draws nothing at all.
const progressDelay = time.Second

// progressEvery is how often the line is redrawn.
const progressEvery = 100 * time.Millisecond

// clearLine returns to the start of the line and erases it.
const clearLine = "\r\x1b[2K"

// ProgressBar is a one-line progress report on stderr for runs with many inputs. It
// appears after progressDelay and is erased by Stop, so it never stays on screen. A nil
// bar does nothing, so callers need not check whether one is shown.
type ProgressBar struct {
	w      io.Writer
	total  int
	width  int
	stopCh chan struct{}
	ended  chan struct{}

	mu      sync.Mutex
	done    int
	failed  int
	visible bool // the delay has passed
	shown   bool // a line is on the screen now
}

// StartProgress reports on stderr the progress of total inputs until Stop.
func StartProgress(stderr io.Writer, total, width int) *ProgressBar {
	tick := time.NewTicker(progressEvery)
	delay := time.NewTimer(progressDelay)
	b := startProgress(stderr, total, width, delay.C, tick.C)
	go func() {
		<-b.ended
		tick.Stop()
		delay.Stop()
	}()
	return b
}

// startProgress is StartProgress with the clock's channels given: the line appears when
// delay fires and is redrawn on every tick.
func startProgress(w io.Writer, total, width int, delay, tick <-chan time.Time) *ProgressBar {
	b := &ProgressBar{w: w, total: total, width: width, stopCh: make(chan struct{}), ended: make(chan struct{})}
	go b.run(delay, tick)
	return b
}

func (b *ProgressBar) run(delay, tick <-chan time.Time) {
	defer close(b.ended)
	select {
	case <-delay:
	case <-b.stopCh:
		return
	}
	b.mu.Lock()
	b.visible = true
	b.drawLocked()
	b.mu.Unlock()
	for {
		select {
		case <-tick:
			b.mu.Lock()
			b.drawLocked()
			b.mu.Unlock()
		case <-b.stopCh:
			return
		}
	}
}

// Step counts one finished input.
func (b *ProgressBar) Step(failed bool) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	if failed {
		b.failed++
	}
}

// Writer is where messages go while the bar may be drawn: each write erases the line,
// prints the message and draws the line again below it.
func (b *ProgressBar) Writer(stderr io.Writer) io.Writer {
	if b == nil {
		return stderr
	}
	return progressLog{b}
}

// Stop erases the line and ends the redrawing.
func (b *ProgressBar) Stop() {
	if b == nil {
		return
	}
	close(b.stopCh)
	<-b.ended
	b.mu.Lock()
	defer b.mu.Unlock()
	b.eraseLocked()
	b.visible = false
}

func (b *ProgressBar) eraseLocked() {
	if b.shown {
		io.WriteString(b.w, clearLine)
		b.shown = false
	}
}

// drawLocked writes "looking up [=====>     ] 120/2000, 2 failed" over the line.
func (b *ProgressBar) drawLocked() {
	if !b.visible {
		return
	}
	cells := min(40, max(10, b.width/4))
	filled := 0
	if b.total > 0 {
		// min: two keys with one hash count once in the total and are looked up each
		// (Inputs.Distinct), so done may pass it, next to never.
		filled = min(cells, cells*b.done/b.total)
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", cells-filled)
	if filled > 0 && filled < cells {
		bar = strings.Repeat("=", filled-1) + ">" + strings.Repeat(" ", cells-filled)
	}
	line := fmt.Sprintf("looking up [%s] %d/%d", bar, b.done, b.total)
	if b.failed > 0 {
		line += fmt.Sprintf(", %d failed", b.failed)
	}
	if len(line) >= b.width && b.width > 1 {
		line = line[:b.width-1] // never wrap: a wrapped line cannot be erased
	}
	io.WriteString(b.w, clearLine+line)
	b.shown = true
}

// progressLog prints a message above the progress line.
type progressLog struct{ b *ProgressBar }

func (p progressLog) Write(msg []byte) (int, error) {
	p.b.mu.Lock()
	defer p.b.mu.Unlock()
	p.b.eraseLocked()
	n, err := p.b.w.Write(msg)
	p.b.drawLocked()
	return n, err
}
