// Package enrich implements `mdti incidents enrich` and `mdti alerts enrich`
// (docs/reference.md §9): read incidents (with $expand=alerts) or alerts, take the hosts,
// IP addresses and URL hosts their evidence carries, look the ones that may leave the
// tenant up in MDTI in one bulk run, and print one verdict per (incident, indicator).
// The pure part (extraction, join, records, the comment) is internal/enrich; this package
// is the I/O around it, shared by cmd/incidents and cmd/alerts.
package enrich

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// Source says what enrich reads: incidents or alerts.
type Source struct {
	Set  string // entity set under /security: "incidents" or "alerts_v2"
	Noun string // "incident" or "alert"
	// ReadPermission is what reading the set needs; WritePermission what --comment needs
	// ("" when the command has no --comment).
	ReadPermission, WritePermission string
}

// Incidents and Alerts are the two sources.
var (
	Incidents = Source{Set: "incidents", Noun: "incident",
		ReadPermission: "SecurityIncident.Read.All", WritePermission: "SecurityIncident.ReadWrite.All"}
	Alerts = Source{Set: "alerts_v2", Noun: "alert", ReadPermission: "SecurityAlert.Read.All"}
)

func (s Source) incidents() bool { return s.Set == Incidents.Set }

// Options are the inputs of `mdti incidents|alerts enrich`.
type Options struct {
	shared.Deps
	Source      Source
	Args        []string
	With        []string // --with datasets, as given
	SkipDomains []string // --skip-domain, added to the config's own_domains
	FailOn      string
	MaxScore    int // -1 = off
	Comment     bool
	DryRun      bool
}

// Help is a command's help text.
type Help struct {
	Short, Long, Example string
}

// NewCmdEnrich builds `enrich ID…` for src.
func NewCmdEnrich(f *cmdutil.Factory, src Source, h Help, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f), Source: src}
	c := &cobra.Command{
		Use:         "enrich <id>...",
		Short:       h.Short,
		Long:        h.Long,
		Example:     h.Example,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: src.ReadPermission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if err := opts.validate(); err != nil {
				return err
			}
			if opts.Comment && !opts.DryRun {
				// A 403 now names the write permission; the lookups' own 403 names
				// threat intelligence whatever this says (cmdutil.ThreatIntelligenceError).
				c.Annotations[cmdutil.PermissionAnnotation] = src.WritePermission
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return Run(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringSliceVar(&opts.With, "with", nil, "add `DATASETS` to each record, comma-separated: "+datasetNames())
	fl.StringArrayVar(&opts.SkipDomains, "skip-domain", nil, "never send hosts under `DOMAIN` to MDTI (repeatable; adds to config own_domains)")
	shared.GateFlags(c, &opts.FailOn, &opts.MaxScore)
	_ = c.RegisterFlagCompletionFunc("with", completeDatasets)
	if src.WritePermission != "" {
		fl.BoolVar(&opts.Comment, "comment", false, "post the verdict summary as a comment on each incident (once: an identical earlier one is not repeated)")
		fl.BoolVar(&opts.DryRun, "dry-run", false, "with --comment: print each comment and its request on stderr, send nothing")
	}
	return c
}

func (o *Options) validate() error {
	if err := shared.ValidateGate(o.FailOn, o.MaxScore); err != nil {
		return err
	}
	if _, err := parseDatasets(o.With); err != nil {
		return err
	}
	if o.DryRun && !o.Comment {
		return cmdutil.FlagErrorf("--dry-run previews --comment: give both")
	}
	return nil
}

// wrapTI marks an error of the threat-intelligence side, for its 403 hint.
func wrapTI(what string, err error) error {
	return &cmdutil.ThreatIntelligenceError{Err: fmt.Errorf("%s: %w", what, err)}
}
