package lookup

import (
	"fmt"
	"io"

	"github.com/mdti-cli/mdti/internal/render"
)

// PrinterSink prints a run: each record with "query" first, and each failed input as a
// line on stderr and, in the formats that carry them, an error record (docs/reference.md §3).
type PrinterSink struct {
	Printer *render.Printer
	Format  render.Format
	ErrOut  io.Writer
	// Bar, when shown, takes the stderr lines so that they print above it.
	Bar *ProgressBar
	// Alone says the caller returns the only input's failure itself, to be printed once
	// with its hint: the sink does not report it.
	Alone bool
	// Note, if set, is asked after each input that succeeded, with how many records it
	// had, for a line to print on stderr ("no cookies observed for 8.8.8.8"); "" for none.
	Note func(in Input, records int) string

	added   int
	current int // records of the input being printed
}

// Record prints one record of in.
func (s *PrinterSink) Record(_ int, in Input, rec []byte) error {
	s.added++
	s.current++
	// Records come from the Graph client, which validated and compacted them.
	return s.Printer.Add(render.PrependQuery(rec, in.Query))
}

// Done reports a failed input.
func (s *PrinterSink) Done(_ int, in Input, err error) error {
	records := s.current
	s.current = 0
	if err == nil && s.Note != nil {
		if note := s.Note(in, records); note != "" {
			fmt.Fprintln(s.Bar.Writer(s.ErrOut), render.Sanitize(note))
		}
	}
	if err == nil || s.Alone {
		return nil
	}
	fmt.Fprintf(s.Bar.Writer(s.ErrOut), "mdti: %s\n", render.Sanitize(err.Error()))
	if !s.Format.CarriesErrors() {
		return nil
	}
	s.added++
	return s.Printer.AddError(ErrorRecord(in.Query, err))
}

// Flush writes what the printer buffered.
func (s *PrinterSink) Flush() error { return s.Printer.Flush() }

// Added counts the records and error records printed.
func (s *PrinterSink) Added() int { return s.added }
