package lookup

import (
	"context"
	"hash/maphash"
	"math"
)

// repeats describes a run whose inputs share keys: each key is looked up once, and every
// input with that key gets the outcome as its own (docs/reference.md §1).
type repeats struct {
	inputs []Input
	unique []Input // the first input of every key, in input order
	first  []int   // first[u] is the index in inputs of unique[u]
	keyOf  []int   // keyOf[i] is the unique index of input i
	last   []int   // last[u] is the index of the last input with unique[u]'s key
}

// findRepeats returns nil when every input has its own key.
func findRepeats(inputs []Input) *repeats {
	if !hasRepeats(inputs) {
		return nil
	}
	r := &repeats{inputs: inputs, keyOf: make([]int, len(inputs))}
	byKey := make(map[string]int, len(inputs))
	for i, in := range inputs {
		u, ok := byKey[in.Key]
		if !ok {
			u = len(r.unique)
			byKey[in.Key] = u
			r.unique = append(r.unique, in)
			r.first = append(r.first, i)
			r.last = append(r.last, i)
		}
		r.keyOf[i] = u
		r.last[u] = i
	}
	if len(r.unique) == len(inputs) {
		return nil
	}
	return r
}

// fanOut is the Sink of the run over the unique keys: it passes each key's outcome on as
// its first input's, keeps the records only while a later input with that key waits, and
// hands each repeat over as soon as every input before it has been.
type fanOut struct {
	r    *repeats
	sink Sink
	kept map[int][][]byte // records of a key whose repeats are still to print
	done map[int]error    // outcomes of keys whose repeats are still to print
	sum  Summary          // over every input, repeats included
}

func (f *fanOut) Record(u int, _ Input, rec []byte) error {
	if f.r.last[u] != f.r.first[u] {
		f.kept[u] = append(f.kept[u], rec)
	}
	i := f.r.first[u]
	return f.sink.Record(i, f.r.inputs[i], rec)
}

func (f *fanOut) Done(u int, _ Input, err error) error {
	i := f.r.first[u]
	if f.r.last[u] != i {
		f.done[u] = err
	}
	if derr := f.done1(i, err); derr != nil {
		return derr
	}
	// The inputs up to the next key's first are repeats of keys already done.
	end := len(f.r.inputs)
	if u+1 < len(f.r.first) {
		end = f.r.first[u+1]
	}
	for j := i + 1; j < end; j++ {
		if err := f.repeat(j); err != nil {
			return err
		}
	}
	return nil
}

// repeat hands input j, a repeat of an earlier key, its key's outcome.
func (f *fanOut) repeat(j int) error {
	u := f.r.keyOf[j]
	for _, rec := range f.kept[u] {
		if err := f.sink.Record(j, f.r.inputs[j], rec); err != nil {
			return err
		}
	}
	err := f.done[u]
	if f.r.last[u] == j {
		delete(f.kept, u)
		delete(f.done, u)
	}
	return f.done1(j, err)
}

func (f *fanOut) done1(i int, err error) error {
	f.sum.add(err)
	return f.sink.Done(i, f.r.inputs[i], err)
}

func (f *fanOut) Flush() error {
	if fl, ok := f.sink.(Flusher); ok {
		return fl.Flush()
	}
	return nil
}

// DistinctKeys counts the lookups a run of inputs makes: one per key.
func DistinctKeys(inputs []Input) int {
	keys := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		keys[in.Key] = true
	}
	return len(keys)
}

// runRepeats looks each key of r up once and gives every input its outcome.
func (e *Engine) runRepeats(ctx context.Context, r *repeats, sink Sink) (Summary, error) {
	f := &fanOut{r: r, sink: sink, kept: map[int][][]byte{}, done: map[int]error{}}
	var err error
	if len(r.unique) == 1 {
		_, err = e.runOne(ctx, r.unique[0], f)
	} else {
		_, err = e.runMany(ctx, r.unique, f)
	}
	return f.sum, err
}

// hasRepeats says whether two inputs share a key. It keeps a 64-bit hash of each key, not
// the key (a million inputs: about 20 MB less at the peak than a map of strings), and
// compares the keys themselves when two hashes meet; two different keys with one hash
// (next to never) are settled by an exact check.
func hasRepeats(inputs []Input) bool {
	if len(inputs) > math.MaxInt32 {
		return DistinctKeys(inputs) < len(inputs)
	}
	seed := maphash.MakeSeed()
	first := make(map[uint64]int32, len(inputs)) // hash → the first input with it
	for i, in := range inputs {
		h := maphash.String(seed, in.Key)
		j, ok := first[h]
		if !ok {
			first[h] = int32(i)
			continue
		}
		if inputs[j].Key == in.Key {
			return true
		}
		return DistinctKeys(inputs) < len(inputs)
	}
	return false
}
