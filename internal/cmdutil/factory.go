package cmdutil

import (
	"context"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/indicator"
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

	Config       func() (*config.Config, error)
	GraphClient  func() (*graph.Client, error)
	Credential   func() (*auth.Credential, error)
	AuthSettings func() (auth.Settings, error)
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
	return f.runHostLookup(ctx, hosts, view, SingleInput(args, len(hosts)), &HostLookup{Fetch: fetch})
}

// LookupEntities is LookupHosts for commands that GET one entity per host (host,
// reputation): many inputs go out as JSON batches. inspect may be nil.
func (f *Factory) LookupEntities(ctx context.Context, args []string, view render.View, path func(indicator.Host) string, inspect func([]byte) error) error {
	hosts, err := ReadHosts(f.IOStreams, args, f.Flags.InputFile)
	if err != nil {
		return err
	}
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	l := &HostLookup{EntityPath: path, Client: client, Inspect: inspect}
	return f.runHostLookup(ctx, hosts, view, SingleInput(args, len(hosts)), l)
}

// runHostLookup prints the lookups of inputs; single says one input returns one object.
func (f *Factory) runHostLookup(ctx context.Context, inputs []indicator.Host, view render.View, single bool, l *HostLookup) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	printer, format, err := f.Printer(view, single)
	if err != nil {
		return err
	}
	l.IO, l.Printer, l.Format, l.Inputs = f.IOStreams, printer, format, inputs
	l.Concurrency = cfg.Concurrency
	l.Progress = f.IOStreams.IsStderrTTY() && len(inputs) > 1
	runErr := l.Run(ctx)
	if runErr != nil && l.added == 0 {
		// Nothing to show: no empty "[]" or lone header line before the error.
		return runErr
	}
	if err := printer.Close(); err != nil && runErr == nil {
		return err
	}
	return runErr
}
