package shared

import (
	"errors"
	"fmt"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// NewPrinter builds the printer for this run's output settings. single says the command
// was given one identifier and returns one object (docs/reference.md §3).
func NewPrinter(ios *iostreams.IOStreams, cfg *config.Config, flags *cmdutil.GlobalFlags, view render.View, single bool) (*render.Printer, render.Format, error) {
	return newPrinter(ios, cfg, flags, view, single, false)
}

// newPrinter is NewPrinter for a run of inputs: singleInput says there is one, so the
// terminal table leaves out the QUERY column (render.Column.DropWhenSingle).
func newPrinter(ios *iostreams.IOStreams, cfg *config.Config, flags *cmdutil.GlobalFlags, view render.View, single, singleInput bool) (*render.Printer, render.Format, error) {
	if err := CheckFields(ios, flags, view); err != nil {
		return nil, "", err
	}
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
		Color:  (ios.ColorEnabled() || cfg.ForceColor) && !cfg.NoColor,
		Width:  ios.TerminalWidth(),
		Single: single,

		SingleInput: singleInput,
	})
	return p, format, err
}

// CheckFields checks --fields against the command's view before any input is read or
// request sent: an unknown field is a usage error listing the valid ones; `--fields
// help` or an empty --fields lists them on stdout and ends the command with exit 0.
func CheckFields(ios *iostreams.IOStreams, flags *cmdutil.GlobalFlags, view render.View) error {
	if flags == nil || flags.Fields == nil {
		return nil
	}
	err := render.ValidateFields(view, flags.Fields)
	if errors.Is(err, render.ErrFieldsHelp) {
		fmt.Fprint(ios.Out, render.FieldsHelp(view))
		return &cmdutil.SilentError{Code: cmdutil.ExitOK}
	}
	return err
}
