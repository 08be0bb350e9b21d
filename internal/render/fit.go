package render

// fitCol is what fitting a terminal table needs to know about one column.
type fitCol struct {
	natural int  // the width it would like: its widest cell (and header)
	min     int  // the narrowest it may get before the table drops a column
	level   int  // shrink and drop order: lower levels shrink and drop first
	answer  bool // dropped only after every other column
}

// answerLevel ranks answer columns above any Priority a view gives.
const answerLevel = int(^uint(0) >> 1)

// planColumns chooses which columns a table of total cells shows: while even
// the minimum widths do not fit, it drops the column with the lowest level
// (answer columns last; on a tie the rightmost), keeping at least one.
func planColumns(cols []fitCol, total int) []int {
	keep := make([]int, len(cols))
	for i := range keep {
		keep[i] = i
	}
	for len(keep) > 1 && sumWidths(cols, keep, func(c fitCol) int { return c.min }) > total {
		drop := 0
		for j, i := range keep {
			if cols[i].level <= cols[keep[drop]].level {
				drop = j
			}
		}
		keep = append(keep[:drop], keep[drop+1:]...)
	}
	return keep
}

// sumWidths is the width of a row of the kept columns, gaps included.
func sumWidths(cols []fitCol, keep []int, width func(fitCol) int) int {
	n := len(colGap) * max(len(keep)-1, 0)
	for _, i := range keep {
		n += width(cols[i])
	}
	return n
}

// fitColumns shrinks columns one cell at a time until the row fits total:
// from the lowest level up, the widest of that level first, none below its
// minimum. If that is not enough (one column left, or a later block with wider
// cells), the widest columns are cut further, so no row is ever wider than the
// terminal: a cut shows "…", an overflowing row breaks the whole layout.
func fitColumns(cols []fitCol, total int) []int {
	w := make([]int, len(cols))
	excess := len(colGap)*max(len(cols)-1, 0) - total
	for i, c := range cols {
		w[i] = c.natural
		excess += c.natural
	}
	for ; excess > 0; excess-- {
		i := nextToShrink(cols, w)
		if i < 0 {
			break
		}
		w[i]--
	}
	for ; excess > 0; excess-- {
		i := widest(w)
		if w[i] <= 1 {
			break
		}
		w[i]--
	}
	return w
}

// nextToShrink is the widest column above its minimum in the lowest level that
// has one, or -1.
func nextToShrink(cols []fitCol, w []int) int {
	best := -1
	for i, c := range cols {
		if w[i] <= c.min {
			continue
		}
		if best < 0 || c.level < cols[best].level || (c.level == cols[best].level && w[i] > w[best]) {
			best = i
		}
	}
	return best
}

func widest(w []int) int {
	best := 0
	for i := range w {
		if w[i] > w[best] {
			best = i
		}
	}
	return best
}

// fitSpec derives a column's fitting from its declaration, its widest cell
// and, in the first block, its header. A column without Priority, Answer,
// MinWidth or ShortHeader fits as it always did: a Truncate column shrinks to
// minTruncWidth, any other keeps its width.
func fitSpec(c Column, cells int, withHeader bool, prev int) fitCol {
	full, short := 0, 0
	if withHeader {
		full = stringWidth(Sanitize(c.Header))
		short = full
		if c.ShortHeader != "" {
			short = min(full, stringWidth(Sanitize(c.ShortHeader)))
		}
	}
	f := fitCol{natural: max(cells, full, prev), level: c.Priority, answer: c.Answer}
	floor := minTruncWidth
	if c.MinWidth > 0 {
		floor = c.MinWidth
	}
	switch {
	case c.Answer && !(c.Truncate && c.MinWidth > 0):
		f.min = max(cells, short, prev) // an answer is not cut
	case c.Truncate && c.ShortHeader != "":
		f.min = max(min(f.natural, floor), short) // nor is a header that has a short form
	case c.Truncate:
		f.min = min(f.natural, floor)
	default:
		f.min = max(cells, short, prev)
	}
	if c.Answer {
		f.level = answerLevel
	}
	return f
}
