package render

import (
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// tsvSink is the table when stdout is not a terminal: a header line, then one
// tab-separated line per record, written as it arrives, never truncated or
// coloured. Cells are sanitized, so a tab or newline in the data cannot split
// a row.
type tsvSink struct {
	w      io.Writer
	cols   []column
	header bool
}

func (s *tsvSink) add(rec []byte) error {
	cells, err := rowCells(s.cols, rec, false)
	if err != nil {
		return err
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	return writeString(s.w, strings.Join(cells, "\t")+"\n")
}

func (s *tsvSink) close() error { return s.writeHeader() }

func (s *tsvSink) writeHeader() error {
	if s.header {
		return nil
	}
	s.header = true
	return writeString(s.w, strings.Join(headers(s.cols), "\t")+"\n")
}

// blockRows bounds a terminal table's memory on --all: every blockRows rows
// are printed as a block, later blocks keeping the earlier column widths.
const blockRows = 1000

// colGap separates columns, as in gh's tables.
const colGap = "  "

// tableSink is the terminal table: aligned columns under a header, no
// borders, fitted to the terminal width. Rows are buffered because a
// column's width depends on all of its cells.
type tableSink struct {
	w      io.Writer
	cols   []column
	opts   Options
	rows   [][]string
	widths []int // widths of the blocks already printed
	n      int
}

func (s *tableSink) add(rec []byte) error {
	cells, err := rowCells(s.cols, rec, false)
	if err != nil {
		return err
	}
	s.n++
	s.rows = append(s.rows, cells)
	if len(s.rows) >= blockRows {
		return s.flush()
	}
	return nil
}

func (s *tableSink) close() error {
	if s.opts.Single && s.n == 1 && len(s.rows) == 1 {
		return writeString(s.w, renderCard(s.cols, s.rows[0], s.opts))
	}
	return s.flush()
}

func (s *tableSink) flush() error {
	if len(s.rows) == 0 {
		return nil
	}
	first := s.widths == nil
	s.widths = fitWidths(s.naturalWidths(first), s.truncatable(), s.opts.Width)
	t := newPrettyTable()
	if first {
		t.AppendHeader(s.laidOut(headers(s.cols), func(int, string) Color { return Bold }))
	}
	for _, row := range s.rows {
		t.AppendRow(s.laidOut(row, func(i int, c string) Color { return colorOf(s.cols[i], c) }))
	}
	s.rows = s.rows[:0]
	return writeString(s.w, trimLines(t.Render())+"\n")
}

// newPrettyTable is go-pretty set up like gh's tables: no borders or rules, two spaces
// between columns. Cells arrive already cut and padded to the fitted widths, so every
// block of a long table lines up with the first.
func newPrettyTable() table.Writer {
	t := table.NewWriter()
	style := table.StyleDefault
	style.Name = "mdti"
	style.Box.PaddingLeft, style.Box.PaddingRight = "", ""
	style.Box.MiddleVertical = colGap
	style.Options = table.Options{SeparateColumns: true}
	style.Format.Header = text.FormatDefault
	t.SetStyle(style)
	return t
}

// laidOut truncates, colours and pads a row's cells for the table.
func (s *tableSink) laidOut(cells []string, color func(int, string) Color) table.Row {
	row := make(table.Row, len(cells))
	for i, c := range cells {
		row[i] = s.layout(i, c, color(i, c))
	}
	return row
}

// trimLines drops the blanks go-pretty pads short last cells with.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// naturalWidths is each column's widest cell, never narrower than an earlier
// block so the blocks line up.
func (s *tableSink) naturalWidths(withHeader bool) []int {
	w := make([]int, len(s.cols))
	copy(w, s.widths)
	if withHeader {
		for i, h := range headers(s.cols) {
			w[i] = max(w[i], stringWidth(h))
		}
	}
	for _, row := range s.rows {
		for i, c := range row {
			w[i] = max(w[i], stringWidth(c))
		}
	}
	return w
}

func (s *tableSink) truncatable() []bool {
	t := make([]bool, len(s.cols))
	for i, c := range s.cols {
		t[i] = c.Truncate
	}
	return t
}

// layout truncates, colours and pads one cell; the last column is not padded
// so lines carry no trailing blanks.
func (s *tableSink) layout(i int, cell string, c Color) string {
	text := truncate(cell, s.widths[i])
	w := stringWidth(text)
	if s.opts.Color {
		text = paint(text, c)
	}
	if i < len(s.widths)-1 && w < s.widths[i] {
		text += strings.Repeat(" ", s.widths[i]-w)
	}
	return text
}

// minTruncWidth is the narrowest a truncatable column gets: a few characters
// and the ellipsis still say something.
const minTruncWidth = 5

// fitWidths shrinks truncatable columns, widest first, until the table fits
// the terminal. Other columns keep their width even if the table then
// overflows: cutting an ID or a score would make it wrong, not just short.
func fitWidths(natural []int, trunc []bool, total int) []int {
	w := append([]int(nil), natural...)
	excess := len(colGap)*(len(w)-1) - total
	for _, x := range w {
		excess += x
	}
	for excess > 0 {
		i := widestShrinkable(w, natural, trunc)
		if i < 0 {
			break
		}
		w[i]--
		excess--
	}
	return w
}

func widestShrinkable(w, natural []int, trunc []bool) int {
	best := -1
	for i := range w {
		if trunc[i] && w[i] > min(natural[i], minTruncWidth) && (best < 0 || w[i] > w[best]) {
			best = i
		}
	}
	return best
}
