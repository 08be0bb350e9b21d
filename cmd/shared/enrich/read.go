package enrich

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/enrich"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// evidence is what the incidents or alerts read carry.
type evidence struct {
	found []enrich.Extracted
	// incidents are the incidents read, in input order, with the comments they already
	// have (from the same GET: no second read before commenting).
	incidents []incident
}

type incident struct {
	id       string
	comments []string
}

// readEvidence GETs every id (incidents with $expand=alerts), as JSON batches when there
// are several, and extracts their evidence. Any id that fails fails the run: a verdict
// table with an incident missing would read as clean.
func readEvidence(ctx context.Context, client *graph.Client, concurrency int, src Source, ids []lookup.Input) (evidence, error) {
	path := func(in lookup.Input) string { return shared.SecurityPath(src.Set, in.Key) }
	if src.incidents() {
		path = func(in lookup.Input) string { return shared.SecurityPath(src.Set, in.Key) + "?$expand=alerts" }
	}
	var res lookup.Results
	eng := &lookup.Engine{Client: client, Entity: path, Concurrency: concurrency}
	if _, err := eng.Run(ctx, ids, &res); err != nil {
		return evidence{}, err
	}
	var ev evidence
	var errs []error
	for _, o := range res.Outcomes {
		if o.Err != nil {
			errs = append(errs, fmt.Errorf("read %s %s: %w", src.Noun, o.Input.Query, o.Err))
			continue
		}
		if len(o.Records) == 0 {
			continue
		}
		if err := ev.add(src, o.Input, o.Records[0]); err != nil {
			errs = append(errs, err)
		}
	}
	return ev, errors.Join(errs...)
}

func (ev *evidence) add(src Source, in lookup.Input, rec []byte) error {
	if !src.incidents() {
		x, err := enrich.FromAlert(rec, "")
		if err != nil {
			return fmt.Errorf("read alert %s: %w", in.Query, err)
		}
		ev.found = append(ev.found, x.WithoutIncidents().Found...)
		return nil
	}
	x, err := enrich.FromIncident(rec)
	if err != nil {
		return fmt.Errorf("read incident %s: %w", in.Query, err)
	}
	ev.found = append(ev.found, x.Found...)
	ev.incidents = append(ev.incidents, incident{id: incidentID(rec, in.Key), comments: commentsOf(rec)})
	return nil
}

// incidentID is the id the incident gives itself (what its records carry), else the
// one asked for.
func incidentID(rec []byte, asked string) string {
	var v struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(rec, &v) == nil && v.ID != "" {
		return v.ID
	}
	return asked
}

// commentsOf reads an incident's comments (alertComment: comment).
func commentsOf(rec []byte) []string {
	var v struct {
		Comments []struct {
			Comment string `json:"comment"`
		} `json:"comments"`
	}
	_ = json.Unmarshal(rec, &v) // a missing or odd list is no comments
	out := make([]string, 0, len(v.Comments))
	for _, c := range v.Comments {
		out = append(out, c.Comment)
	}
	return out
}
