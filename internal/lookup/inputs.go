package lookup

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"

	"github.com/mdti-cli/mdti/internal/spool"
)

// DefaultSpoolAfter is how many inputs Inputs keeps in memory before it spools the rest
// to a temporary file: a list a person types or pastes stays in memory, a million lines
// from a pipe do not.
const DefaultSpoolAfter = 4096

// Inputs are a run's validated inputs. The first pass over the user's list (validation)
// Adds them in input order; the engine then reads them once, in the same order, through
// its window (RunInputs), so a run holds only what the window holds, not a record per
// input:
//   - beyond SpoolAfter, inputs wait in a private temporary file (internal/spool), read
//     back sequentially;
//   - repeated keys are found in the first pass from a 64-bit hash per input (8 bytes an
//     input, freed when the pass ends); what stays is the hashes that repeat, with the
//     number of inputs that have each.
//
// Close removes the temporary file; call it on every path once Inputs is no longer needed.
// Inputs are not safe for concurrent use, except Repeated, once sealed.
type Inputs struct {
	// SpoolAfter is how many inputs stay in memory; 0 means DefaultSpoolAfter. The rest
	// go to a spool file.
	SpoolAfter int
	// Dir is where the spool file goes; "" is os.TempDir().
	Dir string

	hash func(key string) uint64 // nil: maphash with a per-run seed; tests inject collisions

	mem    []Input
	spool  *spool.File
	n      int
	hashes hashBlocks // the first pass: one per input
	err    error      // the first failure to spool

	sealed   bool
	reps     repeatTable
	distinct int
	read     int // inputs read back by next
}

// InputsOf is a list already in memory as Inputs: nothing is spooled, and the slice is
// read, never changed.
func InputsOf(inputs []Input) *Inputs {
	l := &Inputs{mem: inputs, n: len(inputs)}
	for _, in := range inputs {
		l.hashes.add(l.hashOf(in.Key))
	}
	return l
}

// Add appends one validated input. A failure to spool it is returned by Seal.
func (l *Inputs) Add(in Input) {
	if l.err != nil || l.sealed {
		if l.sealed && l.err == nil {
			l.err = errors.New("lookup: Add after Seal")
		}
		return
	}
	l.hashes.add(l.hashOf(in.Key))
	l.n++
	if len(l.mem) < l.spoolAfter() {
		l.mem = append(l.mem, in)
		return
	}
	if l.spool == nil {
		if l.spool, l.err = spool.New(l.Dir, "mdti-inputs-*"); l.err != nil {
			return
		}
	}
	if err := l.spool.Write(in.Query, in.Key); err != nil {
		l.err = err
	}
}

func (l *Inputs) spoolAfter() int {
	if l.SpoolAfter <= 0 {
		return DefaultSpoolAfter
	}
	return l.SpoolAfter
}

func (l *Inputs) hashOf(key string) uint64 {
	if l.hash == nil {
		seed := maphash.MakeSeed()
		l.hash = func(key string) uint64 { return maphash.String(seed, key) }
	}
	return l.hash(key)
}

// Seal ends the first pass: it finds the repeated keys, frees the per-input hashes and
// readies the spool for reading. It returns the first failure to spool an input.
func (l *Inputs) Seal() error {
	if !l.sealed {
		l.sealed = true
		l.reps, l.distinct = findRepeats(l.hashes)
		l.hashes = nil
		if l.spool != nil && l.err == nil {
			l.err = l.spool.Read()
		}
	}
	if l.err != nil {
		return fmt.Errorf("spool inputs: %w", l.err)
	}
	return nil
}

// Len counts the inputs, repeats included.
func (l *Inputs) Len() int { return l.n }

// Distinct counts the lookups a run of these inputs makes: one per key. Two different
// keys with one hash (next to never in 64 bits) count once here and are looked up each.
func (l *Inputs) Distinct() int {
	_ = l.Seal()
	return l.distinct
}

// Repeated says whether more than one input may have key (their keys have one hash).
func (l *Inputs) Repeated(key string) bool {
	return l.sealed && !l.reps.empty() && l.reps.count(l.hash(key)) > 1
}

// First is the first input; the zero Input when there is none.
func (l *Inputs) First() Input {
	if len(l.mem) == 0 {
		return Input{}
	}
	return l.mem[0]
}

// Spooled says whether some inputs wait in a temporary file.
func (l *Inputs) Spooled() bool { return l.spool != nil }

// next reads the next input back, in input order; io.EOF after the last.
func (l *Inputs) next() (Input, error) {
	if err := l.Seal(); err != nil {
		return Input{}, err
	}
	if l.read < len(l.mem) {
		l.read++
		return l.mem[l.read-1], nil
	}
	if l.spool == nil || l.read >= l.n {
		return Input{}, io.EOF
	}
	q, k, err := l.spool.Next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = fmt.Errorf("spool inputs: %d of %d read back", l.read, l.n)
		}
		return Input{}, err
	}
	l.read++
	return Input{Query: q, Key: k}, nil
}

// Close removes the spool file, if there is one.
func (l *Inputs) Close() error {
	if l.spool == nil {
		return nil
	}
	return l.spool.Close()
}

// repeatTable is the hashes that more than one input has, sorted, with how many have each.
type repeatTable struct {
	hashes []uint64
	counts []int
}

// findRepeats returns the hashes that repeat, and how many distinct hashes there are. It
// sorts each block in place and merges them, so it needs no memory beyond the blocks.
func findRepeats(blocks hashBlocks) (repeatTable, int) {
	var t repeatTable
	distinct := 0
	blocks.merge(func(h uint64, n int) {
		distinct++
		if n > 1 {
			t.hashes = append(t.hashes, h)
			t.counts = append(t.counts, n)
		}
	})
	return t, distinct
}

// count is how many inputs have hash h: 0 or 1 when it does not repeat.
func (t repeatTable) count(h uint64) int {
	if k, ok := slices.BinarySearch(t.hashes, h); ok {
		return t.counts[k]
	}
	return 1
}

func (t repeatTable) empty() bool { return len(t.hashes) == 0 }
