package shared

import (
	"context"
	"net/url"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
)

// PrintEntities GETs one entity per input (path gives its version-relative path) and
// prints them through view; many inputs go out as JSON batches. inspect may be nil.
// single says one input named on the command line prints as one object.
func (d Deps) PrintEntities(ctx context.Context, inputs []lookup.Input, view render.View, single bool,
	path func(lookup.Input) string, inspect func(lookup.Input, []byte) error) error {
	return d.PrintEntityInputs(ctx, lookup.InputsOf(inputs), view, single, path, inspect)
}

// PrintEntityInputs is PrintEntities over inputs read once, in order (HostInputs).
func (d Deps) PrintEntityInputs(ctx context.Context, inputs *lookup.Inputs, view render.View, single bool,
	path func(lookup.Input) string, inspect func(lookup.Input, []byte) error) error {
	if err := CheckFields(d.IO, d.Flags, view); err != nil {
		return err
	}
	if inputs.Len() == 0 {
		return nil
	}
	client, err := d.GraphClient()
	if err != nil {
		return err
	}
	return d.print(ctx, &lookup.Engine{Client: client, Entity: path, Inspect: inspect}, inputs, view, single, printMode{})
}

// PrintHostEntities is PrintEntities over the HOSTs of args.
func (d Deps) PrintHostEntities(ctx context.Context, args []string, view render.View, path func(lookup.Input) string, inspect func(lookup.Input, []byte) error) error {
	if err := CheckFields(d.IO, d.Flags, view); err != nil {
		return err
	}
	inputs, err := d.HostInputs(args)
	if err != nil {
		return err
	}
	defer inputs.Close()
	return d.PrintEntityInputs(ctx, inputs, view, cmdutil.SingleInput(args, inputs.Len()), path, inspect)
}

// PrintCollections lists one collection per input (a host's cookies, an article's
// indicators…): json prints an array even for one input and one record, since a list
// command never prints a bare object (docs/reference.md §3).
func (d Deps) PrintCollections(ctx context.Context, inputs []lookup.Input, view render.View, collection func(lookup.Input) lookup.Collection) error {
	if err := CheckFields(d.IO, d.Flags, view); err != nil {
		return err
	}
	client, err := d.GraphClient()
	if err != nil {
		return err
	}
	return d.printCollections(ctx, client, lookup.InputsOf(inputs), view, collection)
}

// PrintHostCollections is PrintCollections over the HOSTs of args. It asks for the Graph
// client before reading the inputs, as the host lists always have.
func (d Deps) PrintHostCollections(ctx context.Context, args []string, view render.View, collection func(lookup.Input) lookup.Collection) error {
	if err := CheckFields(d.IO, d.Flags, view); err != nil {
		return err
	}
	client, err := d.GraphClient()
	if err != nil {
		return err
	}
	inputs, err := d.HostInputs(args)
	if err != nil {
		return err
	}
	defer inputs.Close()
	return d.printCollections(ctx, client, inputs, view, collection)
}

func (d Deps) printCollections(ctx context.Context, client *graph.Client, inputs *lookup.Inputs, view render.View, collection func(lookup.Input) lookup.Collection) error {
	notes := d.newNotes(inputs)
	withNotes := func(in lookup.Input) lookup.Collection {
		c := collection(in)
		c.Cut = notes.cutter(in.Key)
		c.Count = c.Cut != nil && !c.All // on a terminal only: the count is for the note
		return c
	}
	eng := &lookup.Engine{Client: client, Collection: withNotes}
	return d.print(ctx, eng, inputs, view, false, printMode{notes: notes})
}

// Print runs eng over inputs with the configured concurrency and prints every outcome.
// One input's failure is returned as is; with several, each failure is reported where it
// happened and the error carries the worst exit code (docs/reference.md §4).
func (d Deps) Print(ctx context.Context, eng *lookup.Engine, inputs []lookup.Input, view render.View, single bool) error {
	return d.print(ctx, eng, lookup.InputsOf(inputs), view, single, printMode{})
}

// printMode varies Print: notes tells a terminal about empty and cut collections;
// silentEmpty is for writes: nothing at all is printed (no header, no "[]") when no record
// came (204 No Content), and no progress bar is drawn, since each write confirms itself on
// stderr.
type printMode struct {
	notes       *notes
	silentEmpty bool
}

// print is Print in a mode.
func (d Deps) print(ctx context.Context, eng *lookup.Engine, inputs *lookup.Inputs, view render.View, single bool, mode printMode) error {
	if inputs.Len() == 0 {
		return nil // an empty input list (cmdutil.ReadHosts said so on a terminal)
	}
	cfg, err := d.Config()
	if err != nil {
		return err
	}
	printer, format, err := newPrinter(d.IO, cfg, d.Flags, view, single, inputs.Len() == 1)
	if err != nil {
		return err
	}
	sink := &lookup.PrinterSink{Printer: printer, Format: format, ErrOut: d.IO.ErrOut, Alone: inputs.Len() == 1}
	if mode.notes != nil {
		sink.Note = mode.notes.keep // printed after the table, which may still hold rows
	}
	eng.Concurrency = cfg.Concurrency
	if d.IO.IsStderrTTY() && inputs.Len() > 1 && !mode.silentEmpty {
		sink.Bar = lookup.StartProgress(d.IO.ErrOut, inputs.Distinct(), d.IO.TerminalWidth())
		eng.Progress = sink.Bar
	}
	sum, runErr := eng.RunInputs(ctx, inputs, sink)
	sink.Bar.Stop()
	if runErr == nil && sum.Failed > 0 {
		runErr = &cmdutil.SilentError{Code: sum.Exit}
		if inputs.Len() == 1 {
			runErr = notFound(inputs.First(), sum.Err)
		}
	}
	if mode.silentEmpty && sink.Added() == 0 {
		return runErr
	}
	err = closePrinter(printer, sink.Added(), runErr)
	mode.notes.print(d.IO.ErrOut)
	return err
}

// closePrinter ends the output. When nothing was printed and the run failed, it prints
// nothing at all: no empty "[]" or lone header line before the error.
func closePrinter(p *render.Printer, added int, runErr error) error {
	if runErr != nil && added == 0 {
		return runErr
	}
	if err := p.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}

// List prints one collection that takes no inputs (articles, intel profiles, a search):
// an array in json, "[]" for none.
func (d Deps) List(ctx context.Context, view render.View, c lookup.Collection) error {
	if err := CheckFields(d.IO, d.Flags, view); err != nil {
		return err
	}
	client, err := d.GraphClient()
	if err != nil {
		return err
	}
	cfg, err := d.Config()
	if err != nil {
		return err
	}
	printer, _, err := NewPrinter(d.IO, cfg, d.Flags, view, false)
	if err != nil {
		return err
	}
	notes := d.newNotes(nil)
	c.Cut = notes.cutter("")
	c.Count = c.Cut != nil && !c.All
	added := 0
	runErr := lookup.Collect(ctx, client, c, func(rec []byte) error {
		added++
		return printer.Add(rec)
	})
	err = closePrinter(printer, added, runErr)
	if runErr == nil && notes != nil {
		notes.keep(lookup.Input{}, added)
		notes.print(d.IO.ErrOut)
	}
	return err
}

// Collection builds a lookup.Collection that honours --limit and --all.
func (d Deps) Collection(path string, q url.Values) lookup.Collection {
	return lookup.Collection{Path: path, Query: q, Limit: d.Flags.Limit, All: d.Flags.All}
}
