package shared

import (
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
)

// notes are what a terminal is told on stderr about a collection that printed nothing or
// that --limit cut short (docs/reference.md §3): silence would read as "nothing there" or
// "that is all". Scripts, whose stdout and stderr are not terminals, get no notes.
type notes struct {
	empty    func(query string) string
	many     bool                  // several inputs: a cut note names its input
	repeated func(key string) bool // whether a later input may have key; nil: none

	mu      sync.Mutex
	cuts    map[string]string // by input key, until the key's last input took its note
	pending []string          // notes to print once the output is done, at most maxNotes
	more    int               // notes beyond maxNotes, counted only
}

// maxNotes bounds the notes a run keeps: a million empty inputs are one line more, not a
// million strings held until the end.
const maxNotes = 100

// newNotes returns nil when neither stdout nor stderr is a terminal. inputs is nil for a
// list that takes none.
func (d Deps) newNotes(inputs *lookup.Inputs) *notes {
	if !d.IO.IsStdoutTTY() && !d.IO.IsStderrTTY() {
		return nil
	}
	empty := d.Empty
	if empty == nil {
		empty = func(query string) string {
			if query == "" {
				return "no records"
			}
			return "no records for " + query
		}
	}
	n := &notes{empty: empty, cuts: map[string]string{}}
	if inputs != nil {
		n.many, n.repeated = inputs.Len() > 1, inputs.Repeated
	}
	return n
}

// cutter is the lookup.Collection.Cut of the input with key; nil when there are no notes.
func (n *notes) cutter(key string) func(shown int, total *int64) {
	if n == nil {
		return nil
	}
	return func(shown int, total *int64) {
		msg := fmt.Sprintf("showing the first %s; more exist (--all for every record)", thousands(int64(shown)))
		if total != nil {
			msg = fmt.Sprintf("showing %s of %s; --all for every record", thousands(int64(shown)), thousands(*total))
		}
		n.mu.Lock()
		defer n.mu.Unlock()
		n.cuts[key] = msg
	}
}

// note is the line for an input that printed records records, "" for none.
func (n *notes) note(in lookup.Input, records int) string {
	if records == 0 {
		return n.empty(in.Query)
	}
	n.mu.Lock()
	msg := n.cuts[in.Key]
	if n.repeated == nil || !n.repeated(in.Key) {
		delete(n.cuts, in.Key) // no other input takes it: a million cut lists keep no million notes
	}
	n.mu.Unlock()
	if msg != "" && n.many {
		msg = in.Query + ": " + msg
	}
	return msg
}

// keep is lookup.PrinterSink.Note: it keeps the input's note for print and returns "".
func (n *notes) keep(in lookup.Input, records int) string {
	switch msg := n.note(in, records); {
	case msg == "":
	case len(n.pending) < maxNotes:
		n.pending = append(n.pending, msg)
	default:
		n.more++
	}
	return ""
}

// print writes the kept notes on stderr, after the records.
func (n *notes) print(stderr io.Writer) {
	if n == nil {
		return
	}
	for _, msg := range n.pending {
		fmt.Fprintln(stderr, render.Sanitize(msg))
	}
	if n.more > 0 {
		fmt.Fprintf(stderr, "… and %s more like these\n", thousands(int64(n.more)))
	}
}

// thousands writes a count with comma separators: 1,000,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
