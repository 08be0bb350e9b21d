package render

import (
	"io"
	"slices"
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

// firstBlockRows is the first block: a screenful, printed as soon as it is ready so a
// person sees rows while a long run goes on; it chooses the columns and their widths,
// which later blocks keep (widening only for a wider cell, never narrowing; a block that
// widens repeats the header so the columns under it line up again).
const firstBlockRows = 50

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
	keep   []int    // the columns shown, chosen by the first block
	widths []int    // widths of the kept columns in the blocks already printed
	heads  []string // the header of each kept column, full or short
	n      int
}

func (s *tableSink) add(rec []byte) error {
	cells, err := rowCells(s.cols, rec, false)
	if err != nil {
		return err
	}
	s.n++
	s.rows = append(s.rows, cells)
	if len(s.rows) >= firstBlockRows && (s.keep == nil || len(s.rows) >= blockRows) {
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
	first := s.keep == nil
	before := s.widths
	s.fit(first)
	if len(s.keep) == 0 {
		s.rows = s.rows[:0]
		return nil // every column was DropWhenSingle
	}
	t := newPrettyTable()
	// A later block that had to widen a column no longer lines up with the header
	// above: it gets the header again, laid out at its widths.
	if first || !slices.Equal(before, s.widths) {
		t.AppendHeader(s.laidOut(s.heads, func(int, string) Color { return Bold }))
	}
	for _, row := range s.rows {
		kept := make([]string, len(s.keep))
		for j, i := range s.keep {
			kept[j] = row[i]
		}
		t.AppendRow(s.laidOut(kept, func(j int, c string) Color { return colorOf(s.cols[s.keep[j]], c) }))
	}
	s.rows = s.rows[:0]
	return writeString(s.w, trimLines(t.Render())+"\n")
}

// fit chooses the columns (first block only) and their widths for the
// buffered rows, and the header each kept column shows.
func (s *tableSink) fit(first bool) {
	cells := s.cellWidths()
	if first {
		var all []int
		var specs []fitCol
		for i, c := range s.cols {
			if c.DropWhenSingle && s.opts.SingleInput {
				continue
			}
			all = append(all, i)
			specs = append(specs, fitSpec(c.Column, cells[i], true, 0))
		}
		keep := []int{}
		for _, j := range planColumns(specs, s.opts.Width) {
			keep = append(keep, all[j])
		}
		s.keep = keep
	}
	prevWidths := s.widths
	specs := make([]fitCol, len(s.keep))
	for j, i := range s.keep {
		prev := 0
		if !first {
			prev = s.widths[j]
		}
		specs[j] = fitSpec(s.cols[i].Column, cells[i], first, prev)
	}
	s.widths = fitColumns(specs, s.opts.Width)
	if first || !slices.Equal(prevWidths, s.widths) {
		s.heads = make([]string, len(s.keep))
		for j, i := range s.keep {
			s.heads[j] = headerFor(s.cols[i].Column, s.widths[j])
		}
	}
}

// headerFor is the header a column of width w shows: the full one if it fits,
// else the short one if the view gave it, else the full one cut.
func headerFor(c Column, w int) string {
	h := Sanitize(c.Header)
	if stringWidth(h) > w && c.ShortHeader != "" {
		if short := Sanitize(c.ShortHeader); stringWidth(short) <= w {
			return short
		}
	}
	return h
}

// cellWidths is each column's widest cell in the buffered rows.
func (s *tableSink) cellWidths() []int {
	w := make([]int, len(s.cols))
	for _, row := range s.rows {
		for i, c := range row {
			w[i] = max(w[i], stringWidth(c))
		}
	}
	return w
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

// laidOut truncates, colours and pads a row of kept cells for the table.
func (s *tableSink) laidOut(cells []string, color func(int, string) Color) table.Row {
	row := make(table.Row, len(cells))
	for j, c := range cells {
		row[j] = s.layout(j, c, color(j, c))
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

// layout truncates, colours and pads the cell of kept column j; the last
// column is not padded so lines carry no trailing blanks.
func (s *tableSink) layout(j int, cell string, c Color) string {
	text := truncate(cell, s.widths[j])
	w := stringWidth(text)
	if s.opts.Color {
		text = paint(text, c)
	}
	if j < len(s.widths)-1 && w < s.widths[j] {
		text += strings.Repeat(" ", s.widths[j]-w)
	}
	return text
}

// minTruncWidth is the narrowest a truncatable column gets unless its view
// says otherwise: a few characters and the ellipsis still say something.
const minTruncWidth = 5
