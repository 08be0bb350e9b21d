package shared

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/timerange"
)

// SecurityPath joins parts under /security, each escaped as one path segment:
// SecurityPath("alerts_v2", id, "comments").
func SecurityPath(parts ...string) string {
	var b strings.Builder
	b.WriteString("/security")
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(graph.Segment(p))
	}
	return b.String()
}

// TriageFilter holds the list filters of alerts and incidents (docs/reference.md §8). Graph
// filters these on assignedTo, classification, determination, createdDateTime, severity,
// serviceSource (alerts only) and status.
type TriageFilter struct {
	Status         []string
	Severity       []string
	ServiceSource  []string
	Classification []string
	Determination  []string
	AssignedTo     string
	Since, Until   string
	Filter         string
}

// AddFlags declares the filter flags on c; status is the status enum of the noun, and
// serviceSource says whether it has --service-source (alerts do, incidents do not).
func (f *TriageFilter) AddFlags(c *cobra.Command, status Enum, serviceSource bool) {
	fl := c.Flags()
	enumFlag := func(p *[]string, e Enum, what string) {
		fl.StringSliceVar(p, strings.TrimPrefix(e.Flag, "--"), nil, e.Usage(what+" (comma-separated for any of several)"))
		_ = c.RegisterFlagCompletionFunc(strings.TrimPrefix(e.Flag, "--"), e.Complete())
	}
	enumFlag(&f.Status, status, "only this status")
	enumFlag(&f.Severity, Severity, "only this severity")
	if serviceSource {
		enumFlag(&f.ServiceSource, ServiceSource, "only from this service")
	}
	enumFlag(&f.Classification, Classification, "only this classification")
	enumFlag(&f.Determination, Determination, "only this determination")
	fl.StringVar(&f.AssignedTo, "assigned-to", "", "only those assigned to `USER` (as Graph stores it, e.g. an e-mail address)")
	fl.StringVar(&f.Since, "since", "", "created at or after `TIME`: a date, an RFC 3339 time or a duration back from now (30d, 12h)")
	fl.StringVar(&f.Until, "until", "", "created at or before `TIME`; a bare date means the end of that day")
	fl.StringVar(&f.Filter, "filter", "", "an OData $filter `EXPR` ANDed with the flags'")
}

// Build checks the flags and returns one $filter: every flag's condition ANDed, the
// values of one flag ORed.
func (f TriageFilter) Build(status Enum, now time.Time) (string, error) {
	var parts []string
	for _, g := range []struct {
		prop   string
		enum   Enum
		values []string
	}{
		{"status", status, f.Status},
		{"severity", Severity, f.Severity},
		{"serviceSource", ServiceSource, f.ServiceSource},
		{"classification", Classification, f.Classification},
		{"determination", Determination, f.Determination},
	} {
		vs, err := g.enum.ParseAll(g.values)
		if err != nil {
			return "", err
		}
		parts = append(parts, anyOf(g.prop, vs))
	}
	if f.AssignedTo != "" {
		parts = append(parts, "assignedTo eq "+cmdutil.ODataString(f.AssignedTo))
	}
	created, err := timerange.PropertyFilter("createdDateTime", f.Since, f.Until, now)
	if err != nil {
		return "", &cmdutil.FlagError{Err: err}
	}
	return cmdutil.AndFilters(append(parts, created, f.Filter)...), nil
}

// anyOf is "prop eq 'a'", or "prop eq 'a' or prop eq 'b'" for several values.
func anyOf(prop string, values []string) string {
	conds := make([]string, len(values))
	for i, v := range values {
		conds[i] = prop + " eq " + cmdutil.ODataString(v)
	}
	return strings.Join(conds, " or ")
}
