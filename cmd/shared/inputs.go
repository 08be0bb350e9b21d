package shared

import (
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// HostInputs reads HOSTs from args, stdin or -i FILE (cmdutil.EachHost) as lookup inputs
// keyed by host. They are validated as they stream and, past d.SpoolAfter, wait in a
// private temporary file rather than in memory, for the engine to read through its window
// (lookup.Inputs). The caller must Close them, on every path; on an error there is
// nothing to close.
func (d Deps) HostInputs(args []string) (*lookup.Inputs, error) {
	inputs := &lookup.Inputs{SpoolAfter: d.SpoolAfter}
	err := cmdutil.EachHost(d.IO, args, d.Flags.InputFile, func(h indicator.Host) {
		inputs.Add(lookup.Input{Query: h.Query, Key: h.Key})
	})
	if err == nil {
		err = inputs.Seal()
	}
	if err != nil {
		inputs.Close()
		return nil, err
	}
	return inputs, nil
}

// IDInputs reads ids (cmdutil.ReadIDs) as lookup inputs. ID lists are kept in memory.
func IDInputs(ios *iostreams.IOStreams, args []string, inputFile, noun string, check cmdutil.IDCheck) ([]lookup.Input, error) {
	ids, err := cmdutil.ReadIDs(ios, args, inputFile, noun, check)
	if err != nil {
		return nil, err
	}
	inputs := make([]lookup.Input, len(ids))
	for i, id := range ids {
		inputs[i] = lookup.Input{Query: id.Query, Key: id.Key}
	}
	return inputs, nil
}
