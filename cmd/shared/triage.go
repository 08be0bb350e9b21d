package shared

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/views"
)

// Triage names what alerts and incidents differ in for the verbs they share (update,
// comment): their entity set, words, status enum, view and write permission.
type Triage struct {
	Set        string // entity set under /security: "alerts_v2", "incidents"
	Noun       string // "alert", "incident"
	Status     Enum
	View       render.View // one updated entity (a card on a terminal)
	ManyView   render.View // several updated entities, one line each
	Permission string      // the ReadWrite permission of the writes
	Tags       bool        // incidents: --tag/--untag merge customTags
}

// Help is a command's help text.
type Help struct {
	Short, Long, Example string
}

// UpdateOptions are the inputs of `mdti alerts|incidents update`.
type UpdateOptions struct {
	Deps
	Args           []string
	Status         string
	Classification string
	Determination  string
	AssignTo       string
	AssignSet      bool // --assign-to was given: "" unassigns
	Tags, Untags   []string
	DryRun         bool
}

// NewCmdUpdate builds `update ID…` for t: PATCH {set}/{id} with only the given properties.
func NewCmdUpdate(f *cmdutil.Factory, t Triage, h Help, runF func(context.Context, *UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{Deps: NewDeps(f)}
	c := &cobra.Command{
		Use:         "update <id>...",
		Short:       h.Short,
		Long:        h.Long,
		Example:     h.Example,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: t.Permission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			opts.AssignSet = c.Flags().Changed("assign-to")
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return updateRun(c.Context(), t, opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Status, "status", "", t.Status.Usage("set the status"))
	fl.StringVar(&opts.Classification, "classification", "", Classification.Usage("set the classification"))
	fl.StringVar(&opts.Determination, "determination", "", Determination.Usage("set the determination"))
	fl.StringVar(&opts.AssignTo, "assign-to", "", "assign to `USER` (free text, usually an e-mail address; \"\" unassigns: sends null)")
	for name, e := range map[string]Enum{"status": t.Status, "classification": Classification, "determination": Determination} {
		_ = c.RegisterFlagCompletionFunc(name, e.Complete())
	}
	if t.Tags {
		fl.StringArrayVar(&opts.Tags, "tag", nil, "add the custom `TAG` (repeatable); the incident's other tags are kept")
		fl.StringArrayVar(&opts.Untags, "untag", nil, "remove the custom `TAG` (repeatable)")
	}
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print each request (method, path, JSON body) and send nothing")
	return c
}

// updateBody checks the flags and returns the properties to PATCH.
func updateBody(t Triage, opts *UpdateOptions) (map[string]any, error) {
	body := map[string]any{}
	for _, p := range []struct {
		prop, value string
		enum        Enum
	}{
		{"status", opts.Status, t.Status},
		{"classification", opts.Classification, Classification},
		{"determination", opts.Determination, Determination},
	} {
		if p.value == "" {
			continue
		}
		v, err := p.enum.Parse(p.value)
		if err != nil {
			return nil, err
		}
		body[p.prop] = v
	}
	if opts.AssignSet {
		// The resource tables say assignedTo is null when no owner is assigned.
		body["assignedTo"] = nullIfEmpty(opts.AssignTo)
	}
	if len(body) == 0 && len(opts.Tags) == 0 && len(opts.Untags) == 0 {
		flags := "--status, --classification, --determination, --assign-to"
		if t.Tags {
			flags += ", --tag, --untag"
		}
		return nil, NoChange(flags)
	}
	return body, nil
}

func updateRun(ctx context.Context, t Triage, opts *UpdateOptions) error {
	body, err := updateBody(t, opts)
	if err != nil {
		return err
	}
	ids, err := IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, t.Noun+" ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	tagging := len(opts.Tags) > 0 || len(opts.Untags) > 0
	view := t.ManyView
	if len(ids) == 1 {
		view = t.View
	}
	w := Writes{
		DryRun: opts.DryRun,
		View:   view,
		Plan: func(in lookup.Input) Request {
			req := Request{Method: "PATCH", Path: SecurityPath(t.Set, in.Key), Body: clone(body)}
			if tagging {
				req.Notes = []string{tagNote(opts.Tags, opts.Untags)}
			}
			return req
		},
	}
	if tagging {
		w.Prepare = func(ctx context.Context, client *graph.Client, in lookup.Input, req *Request) error {
			cur, err := client.Get(ctx, SecurityPath(t.Set, in.Key), nil)
			if err != nil {
				return err
			}
			req.Body["customTags"] = MergeTags(CurrentTags(cur), opts.Tags, opts.Untags)
			return nil
		}
	}
	return opts.RunWrites(ctx, ids, cmdutil.SingleInput(opts.Args, len(ids)), w)
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func tagNote(add, remove []string) string {
	var parts []string
	if len(add) > 0 {
		parts = append(parts, "plus "+quoteAll(add))
	}
	if len(remove) > 0 {
		parts = append(parts, "without "+quoteAll(remove))
	}
	return "customTags: the incident's current tags (read by a GET first), " + strings.Join(parts, ", ")
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// CurrentTags reads an incident's custom tags: customTags as the resource table names
// them, or tags as the $expand example prints them.
func CurrentTags(rec []byte) []string {
	var inc struct {
		CustomTags []string `json:"customTags"`
		Tags       []string `json:"tags"`
	}
	_ = json.Unmarshal(rec, &inc)
	if inc.CustomTags != nil {
		return inc.CustomTags
	}
	return inc.Tags
}

// MergeTags returns cur with add appended (those not there yet) and remove taken out,
// in order; never nil, so an emptied list is sent as [].
func MergeTags(cur, add, remove []string) []string {
	out := []string{}
	for _, t := range append(slices.Clone(cur), add...) {
		if !slices.Contains(out, t) && !slices.Contains(remove, t) {
			out = append(out, t)
		}
	}
	return out
}

// CommentOptions are the inputs of `mdti alerts|incidents comment`.
type CommentOptions struct {
	Deps
	Args        []string
	Message     string
	MessageFile string
	DryRun      bool
	// Stdin reads --message-file -.
	Stdin io.Reader
}

// CommentView is one line per comment of the list Graph answers. It reads alertComment's
// createdByDisplayName/createdDateTime and the incident example's createdBy/createdTime.
var CommentView = render.View{Columns: []render.Column{
	{Header: "QUERY", Field: "query", Truncate: true},
	{Header: "CREATED", Field: "createdDateTime", Value: firstOf(views.Date("createdDateTime"), views.Date("createdTime"))},
	{Header: "BY", Field: "createdByDisplayName", Value: firstOf(field("createdByDisplayName"), field("createdBy")), Truncate: true},
	{Header: "COMMENT", Field: "comment", Truncate: true},
}, Properties: []string{"query", "comment", "createdByDisplayName", "createdDateTime"}}

func field(path string) func(render.Object) string {
	return func(o render.Object) string { return views.String(o, path) }
}

func firstOf(fs ...func(render.Object) string) func(render.Object) string {
	return func(o render.Object) string {
		for _, f := range fs {
			if v := f(o); v != "" {
				return v
			}
		}
		return ""
	}
}

// NewCmdComment builds `comment ID…` for t: POST {set}/{id}/comments.
func NewCmdComment(f *cmdutil.Factory, t Triage, h Help, runF func(context.Context, *CommentOptions) error) *cobra.Command {
	opts := &CommentOptions{Deps: NewDeps(f), Stdin: f.IOStreams.In}
	c := &cobra.Command{
		Use:         "comment <id>... (--message TEXT | --message-file FILE)",
		Short:       h.Short,
		Long:        h.Long,
		Example:     h.Example,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: t.Permission},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return commentRun(c.Context(), t, opts)
		},
	}
	c.Flags().StringVarP(&opts.Message, "message", "m", "", "the comment `TEXT`")
	c.Flags().StringVar(&opts.MessageFile, "message-file", "", "read the comment from `FILE` (- for stdin)")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print each request (method, path, JSON body) and send nothing")
	return c
}

// maxMessageFile bounds what --message-file reads: Graph documents no limit for a comment,
// so this only keeps a wrong file (a binary, a log) from being read whole.
const maxMessageFile = 1 << 20

// readMessage returns the comment text; an empty one is a usage error.
func (o *CommentOptions) readMessage() (string, error) {
	if o.MessageFile != "" && o.Message != "" {
		return "", cmdutil.FlagErrorf("give the comment with --message or --message-file, not both")
	}
	msg := o.Message
	if o.MessageFile != "" {
		var r io.Reader = o.Stdin
		if o.MessageFile != "-" {
			f, err := os.Open(o.MessageFile)
			if err != nil {
				return "", &cmdutil.FlagError{Err: fmt.Errorf("--message-file: %w", err)}
			}
			defer f.Close()
			r = f
		}
		b, err := io.ReadAll(io.LimitReader(r, maxMessageFile+1))
		if err != nil {
			return "", fmt.Errorf("read --message-file: %w", err)
		}
		if len(b) > maxMessageFile {
			return "", cmdutil.FlagErrorf("--message-file %s: over %d bytes: is it the right file?", o.MessageFile, maxMessageFile)
		}
		msg = strings.TrimRight(string(b), "\r\n")
	}
	if strings.TrimSpace(msg) == "" {
		return "", cmdutil.FlagErrorf("the comment is empty: give the text with --message or --message-file")
	}
	return msg, nil
}

func commentRun(ctx context.Context, t Triage, opts *CommentOptions) error {
	if opts.MessageFile == "-" && (len(opts.Args) == 0 || slices.Contains(opts.Args, "-")) {
		return cmdutil.FlagErrorf("--message-file - reads stdin: give the %s IDs as arguments", t.Noun)
	}
	msg, err := opts.readMessage()
	if err != nil {
		return err
	}
	ids, err := IDInputs(opts.IO, opts.Args, opts.Flags.InputFile, t.Noun+" ID", cmdutil.ValidateID)
	if err != nil {
		return err
	}
	return opts.RunWrites(ctx, ids, false, Writes{
		DryRun: opts.DryRun,
		View:   CommentView,
		Plan: func(in lookup.Input) Request {
			return Request{Method: "POST", Path: SecurityPath(t.Set, in.Key, "comments"), Body: map[string]any{
				"@odata.type": "microsoft.graph.security.alertComment",
				"comment":     msg,
			}}
		},
	})
}
