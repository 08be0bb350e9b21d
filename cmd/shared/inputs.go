package shared

import (
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// HostInputs reads HOSTs from args, stdin or -i FILE (cmdutil.ReadHosts) as lookup inputs
// keyed by host.
func HostInputs(ios *iostreams.IOStreams, args []string, inputFile string) ([]lookup.Input, error) {
	var inputs []lookup.Input
	err := cmdutil.EachHost(ios, args, inputFile, func(h indicator.Host) {
		inputs = append(inputs, lookup.Input{Query: h.Query, Key: h.Key})
	})
	if err != nil {
		return nil, err
	}
	return inputs, nil
}

// IDInputs reads ids (cmdutil.ReadIDs) as lookup inputs.
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
