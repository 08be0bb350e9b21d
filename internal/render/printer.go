package render

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"

	"github.com/itchyny/gojq"
)

// Column is one column of a view: a header and where its cell comes from.
type Column struct {
	Header   string                  // "CLASSIFICATION"
	Field    string                  // dotted path into the record; arrays become a comma list or compact JSON
	Value    func(rec Object) string // computed cell; nil = the value at Field
	Truncate bool                    // may be shortened with "…" to fit the terminal
	Color    func(cell string) Color // terminal tables only

	// How the column gives way on a narrow terminal (tab-separated output, CSV and cards
	// ignore all of these). A view that sets none of them fits as before: Truncate
	// columns shrink to 5 cells, the widest first, and no column is dropped unless even
	// that leaves the table wider than the terminal (then the rightmost goes first).

	// Priority orders the columns for shrinking and dropping: lower shrinks first (down
	// to its minimum) and is dropped first when even the minimums do not fit. 0 is the
	// default; give ids, long dates and the echoed query a negative priority. A column
	// that is useless when cut (a base64 id) is not Truncate: it shows whole or drops.
	Priority int
	// Answer marks what the command answers with (CHILD for pairs, the host names of a
	// reverse pdns): it shrinks and drops after every other column, and is never cut
	// unless it is Truncate with a MinWidth, and then not below MinWidth.
	Answer bool
	// MinWidth is the narrowest a Truncate column gets, in cells; 0 means 5.
	MinWidth int
	// ShortHeader is shown when the column is narrower than Header ("REG." for
	// "REGISTERED"). With it the header is never cut: the column stays at least as
	// wide as ShortHeader.
	ShortHeader string
	// DropWhenSingle leaves the column out of terminal tables when Options.SingleInput
	// is set: the QUERY column says nothing when there was one input.
	DropWhenSingle bool
}

// View is the columns a command shows for its records.
type View struct {
	Columns []Column
	// NoCard keeps a single record a one-row table on a terminal instead of a key/value
	// card: `mdti reputation contoso.com` answers in one line.
	NoCard bool
	// Properties are the record's documented properties in order ("query" first for HOST
	// lookups). CSV prints them all, so a spreadsheet gets every property and not only the
	// curated columns; nil means the keys of the first record.
	Properties []string
}

// Options select the format and its variations; the CLI fills them from
// flags, environment and the terminal.
type Options struct {
	Format Format
	Fields []string // --fields; nil = not given, empty = usage error
	JQ     string   // --jq expression
	CSVRaw bool     // --csv-raw: no formula guard
	TTY    bool     // stdout is a terminal
	Color  bool     // colours allowed
	Width  int      // terminal width; 0 = 80
	Single bool     // one identifier, one object: json/yaml print it bare, a TTY table prints a card
	// SingleInput says the command was given one input, so terminal tables leave out
	// the columns marked DropWhenSingle (QUERY). Unlike Single it changes no shape.
	SingleInput bool
	// Context stops a running --jq program (Ctrl-C); nil means context.Background().
	Context context.Context
}

// sink is one output format's writer.
type sink interface {
	add(rec []byte) error
	close() error
}

// Printer renders records in the selected format. It is not safe for
// concurrent use: the caller serialises records (and so keeps input order).
type Printer struct {
	proj    [][]string // --fields for json/jsonl/yaml; nil = whole records
	carries bool       // error records are printed in-band
	sink    sink
	closed  bool
	n       int // records added
	// out buffers writes: a million-record stream must not cost a million write calls.
	out       *bufio.Writer
	eachFlush bool // on a terminal every record shows at once
}

// outBufferSize is how much output waits before it is written; records are whole in the
// buffer, and Close (also on Ctrl-C) writes the rest.
const outBufferSize = 64 << 10

// NewPrinter checks the options and prepares a printer writing to w. Bad
// --fields, --jq or format values are *UsageError. Nothing is written until
// the first record (or Close).
func NewPrinter(w io.Writer, view View, opts Options) (*Printer, error) {
	if opts.Format == "" {
		opts.Format = Table
	}
	f, err := ParseFormat(string(opts.Format))
	if err != nil {
		return nil, err
	}
	opts.Format = f
	if opts.Width <= 0 {
		opts.Width = 80
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	var paths [][]string
	if opts.Fields != nil {
		if paths, err = parseFields(opts.Fields); err != nil {
			return nil, err
		}
	}
	code, err := compileJQ(opts.JQ)
	if err != nil {
		return nil, err
	}
	p := &Printer{carries: f.CarriesErrors() || code != nil, out: bufio.NewWriterSize(w, outBufferSize), eachFlush: opts.TTY}
	w = p.out
	original := view
	if paths != nil && p.carries {
		p.proj = paths
	}
	switch {
	case f == CSV && code == nil && paths != nil:
		view = View{Columns: propertyColumns(joinPaths(paths))}
	case f == CSV && code == nil:
		view = View{Columns: propertyColumns(view.Properties)}
	case paths != nil && !p.carries:
		view = View{Columns: fieldColumns(paths, view)}
	}
	sink := newSink(w, view, opts, code)
	if c, ok := sink.(*csvSink); ok && c.fromFirst {
		c.guess = viewFields(original)
	}
	p.sink = sink
	return p, nil
}

func newSink(w io.Writer, view View, opts Options, code *gojq.Code) sink {
	cols := newColumns(view)
	switch {
	case code != nil && opts.Format == JSONL:
		return &jqLineSink{ctx: opts.Context, w: w, code: code, tty: opts.TTY}
	case code != nil:
		// Table and CSV with --jq act like JSON, as gh's --jq does.
		return &jqDocSink{ctx: opts.Context, w: w, code: code, yaml: opts.Format == YAML, single: opts.Single, tty: opts.TTY}
	case opts.Format == JSON:
		return &jsonSink{w: w, single: opts.Single, tty: opts.TTY}
	case opts.Format == JSONL:
		return &jsonlSink{w: w, tty: opts.TTY}
	case opts.Format == YAML:
		return &yamlSink{w: w, single: opts.Single}
	case opts.Format == CSV:
		return newCSVSink(w, cols, opts.CSVRaw, len(view.Columns) == 0)
	case opts.TTY:
		tableOpts := opts
		tableOpts.Single = opts.Single && !view.NoCard
		return &tableSink{w: w, cols: cols, opts: tableOpts}
	}
	return &tsvSink{w: w, cols: cols}
}

var errClosed = errors.New("render: printer already closed")

// Add prints (or buffers) one record.
func (p *Printer) Add(rec []byte) error {
	if p.closed {
		return errClosed
	}
	rec = validUTF8(rec)
	if p.proj != nil {
		var err error
		if rec, err = project(rec, p.proj); err != nil {
			return err
		}
	}
	if err := p.sink.add(rec); err != nil {
		return err
	}
	p.n++
	return p.written(nil)
}

// Count is the number of records added (error records not included), so a
// caller can say on stderr that a lookup found nothing.
func (p *Printer) Count() int { return p.n }

// written flushes after a record on a terminal, so a person sees each one as it comes.
func (p *Printer) written(err error) error {
	if err != nil || !p.eachFlush {
		return err
	}
	return p.out.Flush()
}

// Flush writes what is buffered: callers flush when an input is complete, so a slow
// lookup does not hold back the records of the ones before it.
func (p *Printer) Flush() error { return p.out.Flush() }

// AddError prints an error record {"query":…,"error":{…}} in the formats that
// carry errors in-band, unprojected so the error is never filtered away.
// Table and CSV ignore it: the caller reports the error on stderr.
func (p *Printer) AddError(rec []byte) error {
	if p.closed {
		return errClosed
	}
	if !p.carries {
		return nil
	}
	return p.written(p.sink.add(validUTF8(rec)))
}

// Close flushes buffered output: the end of a JSON array, a buffered table,
// the --jq results over the whole document. Closing twice is a no-op.
func (p *Printer) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	err := p.sink.close()
	if ferr := p.out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// column is a Column with its field path split once.
type column struct {
	Column
	segs []string
}

func newColumns(view View) []column {
	cols := make([]column, len(view.Columns))
	for i, c := range view.Columns {
		cols[i] = column{Column: c, segs: strings.Split(c.Field, ".")}
	}
	return cols
}

func headers(cols []column) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = Sanitize(c.Header)
	}
	return h
}

// rowCells computes a record's sanitized cells.
func rowCells(cols []column, rec []byte, csv bool) ([]string, error) {
	v, err := decodeOrdered(rec)
	if err != nil {
		return nil, err
	}
	obj, _ := toPlain(v).(map[string]any)
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = Sanitize(cell(c, v, obj, csv))
	}
	return cells, nil
}

// cell computes one cell. View code runs on untrusted data, so a panicking
// Value func yields an empty cell instead of taking the process down.
func cell(c column, v any, obj map[string]any, csv bool) (s string) {
	if c.Value != nil {
		defer func() {
			if r := recover(); r != nil {
				s = ""
			}
		}()
		return c.Value(Object(obj))
	}
	x, ok := lookupPath(v, c.segs)
	if !ok {
		return ""
	}
	return cellText(x, csv)
}

// colorOf asks the column for a cell's colour, tolerating a panicking func.
func colorOf(c column, s string) (col Color) {
	if c.Color == nil {
		return NoColor
	}
	defer func() {
		if r := recover(); r != nil {
			col = NoColor
		}
	}()
	return c.Color(s)
}

func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}
