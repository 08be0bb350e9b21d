package shared

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
)

// Request is one write a command sends for one input: method, version-relative path and
// JSON body (nil: none).
type Request struct {
	Method string
	Path   string
	Body   map[string]any
	// Notes say what Prepare will change before sending (read-merge-write): --dry-run
	// prints them, since it sends nothing, not even the read.
	Notes []string
}

// Writes describes a write command (update, comment, a control's state; later indicators
// and actions): one request per input, each its own outcome, never batched.
type Writes struct {
	// Plan builds the request of one input from the flags alone.
	Plan func(in lookup.Input) Request
	// Prepare, if set, completes the request with what Graph holds now (the tags an
	// incident has, a control's vendorInformation) by reading first. Not called on --dry-run.
	Prepare func(ctx context.Context, client *graph.Client, in lookup.Input, req *Request) error
	// View prints what Graph answers: the updated entity, or the items of a collection
	// answer ({"value": [...]}, the comment list).
	View render.View
	// Done is the one-line confirmation on a terminal's stderr for a 204 (nothing to
	// print), e.g. "updated control NonOwnerAccess".
	Done func(in lookup.Input) string
	// DryRun prints each request on stdout instead of sending it.
	DryRun bool
}

// RunWrites sends one write per input through the lookup engine (concurrency, order, one
// outcome each, the worst exit code), or prints them all with DryRun. single says one id
// on the command line that answers one object (an update): json prints it bare.
func (d Deps) RunWrites(ctx context.Context, inputs []lookup.Input, single bool, w Writes) error {
	if w.DryRun {
		return d.printDryRun(inputs, w)
	}
	client, err := d.GraphClient()
	if err != nil {
		return err
	}
	fetch := func(ctx context.Context, in lookup.Input, emit func([]byte) error) error {
		return w.send(ctx, d, client, in, emit)
	}
	return d.print(ctx, &lookup.Engine{Fetch: fetch}, lookup.InputsOf(inputs), w.View, single, printMode{silentEmpty: true})
}

// send makes one input's write and emits what Graph answered.
func (w Writes) send(ctx context.Context, d Deps, client *graph.Client, in lookup.Input, emit func([]byte) error) error {
	req := w.Plan(in)
	if w.Prepare != nil {
		if err := w.Prepare(ctx, client, in, &req); err != nil {
			return err
		}
	}
	body, err := req.encode()
	if err != nil {
		return err
	}
	resp, err := client.Do(ctx, req.Method, req.Path, body, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(resp.Body)) == 0 {
		if w.Done != nil && d.IO.IsStderrTTY() {
			fmt.Fprintln(d.IO.ErrOut, "✓ "+w.Done(in))
		}
		return nil
	}
	return emitAnswer(req, resp.Body, emit)
}

// emitAnswer emits an entity, or each item of a collection answer.
func emitAnswer(req Request, body []byte, emit func([]byte) error) error {
	var coll struct {
		Value json.RawMessage `json:"value"`
	}
	if json.Unmarshal(body, &coll) == nil && len(coll.Value) > 0 && coll.Value[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(coll.Value, &items); err != nil {
			return fmt.Errorf("%s %s: %w", req.Method, req.Path, err)
		}
		for _, it := range items {
			rec, err := graph.NormalizeEntity(it)
			if err != nil {
				return fmt.Errorf("%s %s: %w", req.Method, req.Path, err)
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
		return nil
	}
	rec, err := graph.NormalizeEntity(body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", req.Method, req.Path, err)
	}
	return emit(rec)
}

func (r Request) encode() ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	return json.Marshal(r.Body)
}

// printDryRun prints every request as it would be sent: "METHOD /version/path", the body
// as indented JSON, and "# " lines for what would be read and merged first.
func (d Deps) printDryRun(inputs []lookup.Input, w Writes) error {
	cfg, err := d.Config()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	for i, in := range inputs {
		req := w.Plan(in)
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s /%s%s\n", req.Method, cfg.APIVersion, req.Path)
		for _, n := range req.Notes {
			fmt.Fprintf(&b, "# %s\n", n)
		}
		// A body that only the read would fill (tags alone) is told by its note.
		if req.Body != nil && (len(req.Body) > 0 || len(req.Notes) == 0) {
			body, err := json.MarshalIndent(req.Body, "", "  ")
			if err != nil {
				return err
			}
			b.Write(body)
			b.WriteByte('\n')
		}
	}
	_, err = d.IO.Out.Write(b.Bytes())
	return err
}

// NoChange is the usage error of a write given no property to set.
func NoChange(flags string) error {
	return cmdutil.FlagErrorf("nothing to change: give at least one of %s", flags)
}
