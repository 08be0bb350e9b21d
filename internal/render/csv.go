package render

import (
	"encoding/csv"
	"errors"
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
	// fromFirst takes the columns from the first record's keys (no Properties given).
	fromFirst bool
	// guess is the header of an empty result when fromFirst has no first record: the
	// view's column fields, the best guess at the keys a record would have had.
	guess []string
}

func newCSVSink(w io.Writer, cols []column, raw, fromFirst bool) *csvSink {
	return &csvSink{cw: csv.NewWriter(w), cols: cols, raw: raw, fromFirst: fromFirst}
}

// viewFields are the distinct fields of a view's columns, in order.
func viewFields(view View) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range view.Columns {
		if c.Field != "" && !seen[c.Field] {
			seen[c.Field] = true
			out = append(out, c.Field)
		}
	}
	return out
}

func (s *csvSink) add(rec []byte) error {
	if s.fromFirst && !s.header {
		keys, err := topLevelKeys(rec)
		if err != nil {
			return err
		}
		s.cols = newColumns(View{Columns: propertyColumns(keys)})
	}
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
// columns. With no columns known at all nothing is written: a bare newline
// would read as one empty row.
func (s *csvSink) close() error {
	if s.fromFirst && !s.header {
		s.cols = newColumns(View{Columns: propertyColumns(s.guess)})
	}
	if len(s.cols) == 0 {
		s.header = true
		return nil
	}
	return s.writeHeader()
}

func (s *csvSink) writeHeader() error {
	if s.header {
		return nil
	}
	s.header = true
	hs := headers(s.cols)
	if s.fromFirst && !s.raw {
		// These headers are the record's own keys: API data, sanitised and guarded like
		// any cell ("@odata.type" excepted, Graph's annotation and a usable column name).
		for i, h := range hs {
			if h != "@odata.type" {
				hs[i] = guardFormula(h)
			}
		}
	}
	// Other headers are our own or the user's --fields: no guard.
	return s.flush(hs)
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

// propertyColumns are CSV columns named by the record's own property names.
func propertyColumns(props []string) []Column {
	cols := make([]Column, len(props))
	for i, p := range props {
		cols[i] = Column{Header: p, Field: p}
	}
	return cols
}

func joinPaths(paths [][]string) []string {
	out := make([]string, len(paths))
	for i, segs := range paths {
		out[i] = strings.Join(segs, ".")
	}
	return out
}

// topLevelKeys lists a record's keys in order.
func topLevelKeys(rec []byte) ([]string, error) {
	v, err := decodeOrdered(rec)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*omap)
	if !ok {
		return nil, invalidRecord(errors.New("not a JSON object"))
	}
	return m.keys, nil
}
