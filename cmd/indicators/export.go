package indicators

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/stix"
)

// ExportOptions are the inputs of `mdti indicators export`.
type ExportOptions struct {
	shared.Deps
	Now   func() time.Time
	Args  []string
	Props IndicatorFlags
	// Output is -o when given on the command line ("" otherwise): the bundle is JSON.
	Output string
}

// NewCmdExport writes what submit would send as a STIX 2.1 bundle.
func NewCmdExport(f *cmdutil.Factory, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Deps: newDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "export [<host>...]",
		Short: "write indicators as a STIX 2.1 bundle, for Sentinel's STIX upload or any TIP",
		Long: `Write the indicators that 'mdti indicators submit' would send, from the same input
and flags and checked the same way, as one STIX 2.1 bundle on stdout: an indicator
object per input, with a pattern such as [domain-name:value = 'evil.example'],
valid_from and valid_until from expirationDateTime, indicator_types from threatType,
and the TLP level as a marking definition. Nothing is sent to Graph.

This is the way forward from tiIndicators, which Microsoft is retiring: Microsoft
Sentinel's upload API for STIX objects, or any threat-intelligence platform, takes the
bundle. The output is JSON only: -o table, csv, jsonl or yaml is refused.`,
		Example: `  mdti indicators export evil.example 203.0.113.7 --action block --threat-type C2 --tlp amber --expires 30d --target-product "Azure Sentinel" --description "C2 server" > bundle.json
  mdti indicators export -i indicators.jsonl -o json`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(opts.IO.ErrOut)
			opts.Args = args
			if o := c.Flag("output"); o != nil && o.Changed {
				opts.Output = o.Value.String()
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return exportRun(c.Context(), opts)
		},
	}
	opts.Props.add(c)
	return c
}

func exportRun(_ context.Context, opts *ExportOptions) error {
	if opts.Output != "" && opts.Output != "json" {
		return cmdutil.FlagErrorf("export writes a STIX 2.1 bundle, which is JSON: -o %s is not available (use -o json or leave -o out)", opts.Output)
	}
	if opts.Flags.JQ != "" || len(opts.Flags.Fields) > 0 {
		return cmdutil.FlagErrorf("export writes the whole STIX bundle: --jq and --fields do not apply (pipe the output to jq)")
	}
	_, inds, err := readValid(opts.Deps, opts.Args, opts.Props, opts.Now())
	if err != nil {
		return err
	}
	b, err := stix.NewBundle(inds, stix.Options{Now: opts.Now})
	if err != nil {
		return fmt.Errorf("build the STIX bundle: %w", err)
	}
	return stix.Encode(opts.IO.Out, b)
}
