package render

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvSink writes a header row and one row per record, flushing each row so a
// long export streams.
type csvSink struct {
	cw     *csv.Writer
	cols   []column
	raw    bool
	header bool
}

func newCSVSink(w io.Writer, cols []column, raw bool) *csvSink {
	return &csvSink{cw: csv.NewWriter(w), cols: cols, raw: raw}
}

func (s *csvSink) add(rec []byte) error {
	cells, err := rowCells(s.cols, rec, true)
	if err != nil {
		return err
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	return s.write(cells)
}

// close writes the header even with no rows, so a consumer always sees the
// columns.
func (s *csvSink) close() error { return s.writeHeader() }

func (s *csvSink) writeHeader() error {
	if s.header {
		return nil
	}
	s.header = true
	// Headers are our own or the user's --fields, not API data: no guard,
	// so "@odata.type" stays a usable column name.
	return s.flush(headers(s.cols))
}

func (s *csvSink) write(cells []string) error {
	if !s.raw {
		for i, c := range cells {
			cells[i] = guardFormula(c)
		}
	}
	return s.flush(cells)
}

func (s *csvSink) flush(cells []string) error {
	if err := s.cw.Write(cells); err != nil {
		return err
	}
	s.cw.Flush()
	return s.cw.Error()
}

// guardFormula prefixes "'" to a cell a spreadsheet would run as a formula
// (OWASP CSV injection): one whose first non-blank character is = + - or @,
// or that starts with a tab or CR (cells are sanitized first, so those are
// already spaces, but the guard does not rely on it).
func guardFormula(c string) string {
	if c == "" {
		return c
	}
	if c[0] == '\t' || c[0] == '\r' {
		return "'" + c
	}
	t := strings.TrimLeft(c, " \t")
	if t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + c
	}
	return c
}
