package enrich

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/enrich"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/render"
)

// commenter posts the verdict summary to each incident (--comment), or prints it
// (--dry-run). Messages go to stderr: stdout holds the verdict records.
type commenter struct {
	opts       *Options
	client     *graph.Client
	apiVersion string
}

// postAll posts one comment per incident, in input order. An incident that already has
// this very summary (its marker line, from the comments the GET read) gets none. Each
// failure is told on stderr, with its hint, and the others still go; the error carries
// the worst exit code. A POST is retried only after 429, 503 or 504 (the graph client):
// never after an answer that may have applied it.
func (c commenter) postAll(ctx context.Context, incidents []incident, records []enrich.Record) error {
	worst := cmdutil.ExitOK
	for _, inc := range incidents {
		if err := c.post(ctx, inc, recordsOf(records, inc.id)); err != nil {
			if ctx.Err() != nil {
				return err
			}
			fmt.Fprintf(c.opts.IO.ErrOut, "mdti: comment on incident %s: %s\n", render.Sanitize(inc.id), render.Sanitize(err.Error()))
			if hint := cmdutil.Hint(err, c.opts.Source.WritePermission); hint != "" {
				fmt.Fprintf(c.opts.IO.ErrOut, "hint: %s\n", hint)
			}
			worst = cmdutil.WorseExit(worst, cmdutil.ExitCode(err))
		}
	}
	if worst == cmdutil.ExitOK {
		return nil
	}
	return &cmdutil.SilentError{Code: worst}
}

func (c commenter) post(ctx context.Context, inc incident, records []enrich.Record) error {
	text := enrich.Comment(inc.id, records)
	w := c.opts.IO.ErrOut
	if enrich.AlreadyPosted(inc.comments, text) {
		fmt.Fprintf(w, "incident %s already has this verdict comment: not posted again\n", render.Sanitize(inc.id))
		return nil
	}
	path := shared.SecurityPath(Incidents.Set, inc.id, "comments")
	body, err := json.Marshal(map[string]any{
		"@odata.type": "microsoft.graph.security.alertComment",
		"comment":     text,
	})
	if err != nil {
		return err
	}
	if c.opts.DryRun {
		fmt.Fprintf(w, "POST /%s%s\n", c.apiVersion, path)
		fmt.Fprintln(w, `{"@odata.type": "microsoft.graph.security.alertComment", "comment": <the text below>}`)
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintln(w, render.Sanitize(line))
		}
		return nil
	}
	if _, err := c.client.Do(ctx, "POST", path, body, nil); err != nil {
		return err
	}
	if c.opts.IO.IsStderrTTY() {
		fmt.Fprintf(w, "✓ commented on incident %s\n", render.Sanitize(inc.id))
	}
	return nil
}
