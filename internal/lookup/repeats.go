package lookup

// Inputs that share a key are looked up once, and each input gets the outcome as its own,
// at its own position (docs/reference.md §1). No record per input is kept for that: the
// first pass (Inputs.Seal) left the hashes that repeat and how many inputs have each;
// while the engine reads the inputs in order, a repeatTracker follows only the keys
// between their first and last input.

// keyLookup is the one lookup of a repeated key: the first input with the key is looked
// up, and its records and outcome are kept for the later inputs with that key. The later
// ones are handed over at the head of the output, after the first (which comes before
// them, so it is finished by then); the records go when the last of them has.
type keyLookup struct {
	key  string
	recs [][]byte
	err  error
	done bool
}

// repeatTracker sees the inputs in input order and says which repeat an earlier lookup.
type repeatTracker struct {
	l    *Inputs
	open map[uint64]*openKey // repeated hashes whose last input is still to come
}

type openKey struct {
	lookup *keyLookup
	left   int // inputs with the hash still to come
}

func newRepeatTracker(l *Inputs) *repeatTracker {
	if l.reps.empty() {
		return nil
	}
	return &repeatTracker{l: l, open: map[uint64]*openKey{}}
}

// see takes the next input. keep is non-nil when in is the first of a repeated key: it is
// looked up and its outcome kept in keep. from is non-nil when in repeats an earlier
// input's key: it is not looked up but answered from. Two different keys with one hash
// are settled by comparing them: the later key is simply looked up on its own.
func (t *repeatTracker) see(in Input) (keep, from *keyLookup) {
	if t == nil {
		return nil, nil
	}
	h := t.l.hash(in.Key)
	o := t.open[h]
	if o == nil {
		n := t.l.reps.count(h)
		if n < 2 {
			return nil, nil
		}
		keep = &keyLookup{key: in.Key}
		t.open[h] = &openKey{lookup: keep, left: n - 1}
		return keep, nil
	}
	if o.left--; o.left == 0 {
		delete(t.open, h)
	}
	if o.lookup.key != in.Key {
		return nil, nil // a hash collision: another key
	}
	return nil, o.lookup
}

// DistinctKeys counts the lookups a run of inputs makes: one per key.
func DistinctKeys(inputs []Input) int {
	keys := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		keys[in.Key] = true
	}
	return len(keys)
}
