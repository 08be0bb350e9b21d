package cmdutil

import (
	"context"

	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// Factory hands commands their dependencies. Everything expensive (config file, keyring,
// network, the demo emulator) is built on first use, so --help, completion and version
// never touch any of it.
type Factory struct {
	IOStreams *iostreams.IOStreams
	Getenv    func(string) string
	Version   string
	Flags     *GlobalFlags

	Config      func() (*config.Config, error)
	GraphClient func() (*graph.Client, error)
}

// Printer builds the printer for this run's output settings. single says the command was
// given one identifier and returns one object (CONTRACT.md §3).
func (f *Factory) Printer(view render.View, single bool) (*render.Printer, render.Format, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, "", err
	}
	format, err := render.ParseFormat(cfg.Output)
	if err != nil {
		return nil, "", &FlagError{Err: err}
	}
	ios := f.IOStreams
	p, err := render.NewPrinter(ios.Out, view, render.Options{
		Format: format,
		Fields: f.Flags.Fields,
		JQ:     f.Flags.JQ,
		CSVRaw: f.Flags.CSVRaw,
		TTY:    ios.IsStdoutTTY(),
		Color:  ios.ColorEnabled() && !cfg.NoColor,
		Width:  ios.TerminalWidth(),
		Single: single,
	})
	return p, format, err
}

// LookupHosts reads the HOST inputs of args, looks each up with fetch and prints the
// records through view: the whole life of a HOST command.
func (f *Factory) LookupHosts(ctx context.Context, args []string, view render.View, fetch FetchFunc) error {
	hosts, err := ReadHosts(f.IOStreams, args, f.Flags.InputFile)
	if err != nil {
		return err
	}
	single := len(args) == 1 && args[0] != "-" && len(hosts) == 1
	printer, format, err := f.Printer(view, single)
	if err != nil {
		return err
	}
	lookup := &HostLookup{IO: f.IOStreams, Printer: printer, Format: format, Inputs: hosts, Fetch: fetch}
	runErr := lookup.Run(ctx)
	if runErr != nil && lookup.added == 0 {
		// Nothing to show: no empty "[]" or lone header line before the error.
		return runErr
	}
	if err := printer.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}
