package lookup

// Outcome is one input's result, kept in memory.
type Outcome struct {
	Index   int // the input's position in the run
	Input   Input
	Records [][]byte // compact JSON objects as Graph sent them, without "query"
	Err     error    // nil when the input succeeded
}

// Results is a Sink that keeps every outcome in memory, in input order, for code that
// joins or inspects records rather than printing them.
type Results struct {
	Outcomes []Outcome
	open     *Outcome // the input whose records are arriving
}

// Record keeps one record of input i.
func (r *Results) Record(i int, in Input, rec []byte) error {
	if r.open == nil || r.open.Index != i {
		r.open = &Outcome{Index: i, Input: in}
	}
	r.open.Records = append(r.open.Records, rec)
	return nil
}

// Done closes input i.
func (r *Results) Done(i int, in Input, err error) error {
	o := Outcome{Index: i, Input: in, Err: err}
	if r.open != nil && r.open.Index == i {
		o.Records = r.open.Records
	}
	r.open = nil
	r.Outcomes = append(r.Outcomes, o)
	return nil
}
