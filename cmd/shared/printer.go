package shared

import (
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// NewPrinter builds the printer for this run's output settings. single says the command
// was given one identifier and returns one object (docs/reference.md §3).
func NewPrinter(ios *iostreams.IOStreams, cfg *config.Config, flags *cmdutil.GlobalFlags, view render.View, single bool) (*render.Printer, render.Format, error) {
	format, err := render.ParseFormat(cfg.Output)
	if err != nil {
		return nil, "", &cmdutil.FlagError{Err: err}
	}
	p, err := render.NewPrinter(ios.Out, view, render.Options{
		Format: format,
		Fields: flags.Fields,
		JQ:     flags.JQ,
		CSVRaw: flags.CSVRaw,
		TTY:    ios.IsStdoutTTY(),
		Color:  ios.ColorEnabled() && !cfg.NoColor,
		Width:  ios.TerminalWidth(),
		Single: single,
	})
	return p, format, err
}
