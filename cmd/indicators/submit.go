package indicators

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// SubmitOptions are the inputs of `mdti indicators submit`.
type SubmitOptions struct {
	shared.Deps
	Now    func() time.Time
	Args   []string
	Props  IndicatorFlags
	DryRun bool
}

// NewCmdSubmit creates tiIndicators.
func NewCmdSubmit(f *cmdutil.Factory, runF func(context.Context, *SubmitOptions) error) *cobra.Command {
	opts := &SubmitOptions{Deps: newDeps(f), Now: time.Now}
	c := &cobra.Command{
		Use:   "submit [<host>...]",
		Short: "submit threat indicators to block, alert on or allow",
		Long: `Create tiIndicators. Input is either HOST arguments (or HOSTs one per line on stdin),
each becoming one indicator with the flags' properties — a host name becomes domainName,
an IPv4 or IPv6 address networkIPv4 or networkIPv6, except for --target-product
"Microsoft Defender ATP", which reads destination addresses only, so an address goes
into networkDestinationIPv4/IPv6 — or tiIndicator objects from -i FILE or stdin (-):
a JSON array, JSONL, or CSV with a header row of property names. The flags fill the
properties a record lacks; a record is otherwise sent as written.

Every indicator is checked before anything is sent: action, description,
expirationDateTime, targetProduct, threatType and tlpLevel are required, with at least
one email, file or network observable, and documented values. Any problem lists every
problem and exits 2 with nothing sent.

One indicator is POST /security/tiIndicators; several go through submitTiIndicators,
100 per request (the documented limit). Every input gets an outcome, in order: the
created indicator (with "query", the host or "record N"), or an error record; a table
says ok or failed. A partial success (206) reports each failed item; the exit code is
the worst. --dry-run prints the requests and sends nothing.`,
		Example: `  mdti indicators submit evil.example --action block --threat-type C2 --tlp amber --expires 30d --target-product "Azure Sentinel" --description "C2 server"
  mdti indicators submit 203.0.113.7 2001:db8::7 --action alert --threat-type Botnet --tlp green --expires 90d --target-product "Microsoft Defender ATP" --description "botnet node"
  mdti indicators submit -i indicators.jsonl
  mdti indicators submit -i indicators.csv --target-product "Azure Sentinel" --dry-run
  mdti reputation fake-malicious.site contoso.com -o jsonl --jq 'select(.classification=="malicious") | .query' | mdti indicators submit --action block --threat-type C2 --tlp amber --expires 30d --target-product "Azure Sentinel" --description "malicious per MDTI"`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: permission},
		RunE: func(c *cobra.Command, args []string) error {
			noteDeprecation(opts.IO.ErrOut)
			opts.Args = args
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return submitRun(c.Context(), opts)
		},
	}
	opts.Props.add(c)
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the requests and send nothing")
	return c
}

// readValid reads and validates what submit and export send.
func readValid(deps shared.Deps, args []string, fl IndicatorFlags, now time.Time) ([]item, []tiindicator.Indicator, error) {
	d, err := fl.defaults(now)
	if err != nil {
		return nil, nil, err
	}
	cands, err := readCandidates(deps.IO, args, deps.Flags.InputFile, d)
	if err != nil {
		return nil, nil, err
	}
	return validate(cands, now, deps.IO.ErrOut)
}

func submitRun(ctx context.Context, opts *SubmitOptions) error {
	items, _, err := readValid(opts.Deps, opts.Args, opts.Props, opts.Now())
	if err != nil {
		return err
	}
	if opts.DryRun {
		return printDryRun(opts.Deps, submitRequests(items))
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	if len(items) == 1 {
		return printOutcomes(ctx, opts.Deps, items, []outcome{createOne(ctx, client, items[0])}, nil, false)
	}
	outs, stray, err := sendBulk(ctx, client, bulkAction{Name: "submitTiIndicators"}, items)
	if err != nil {
		return err
	}
	return printOutcomes(ctx, opts.Deps, items, outs, stray, false)
}

// createOne is POST /security/tiIndicators (tiindicators-post.md: 201 with the indicator).
func createOne(ctx context.Context, client *graph.Client, it item) outcome {
	resp, err := client.Do(ctx, http.MethodPost, setPath, it.Body, nil)
	if err != nil {
		return outcome{Err: retired(err, true)}
	}
	rec, err := graph.NormalizeEntity(resp.Body)
	if err != nil {
		return outcome{Err: fmt.Errorf("POST %s: %w", setPath, err)}
	}
	return outcome{Record: rec}
}

// submitRequests are the requests submit sends for items.
func submitRequests(items []item) []request {
	if len(items) == 1 {
		return []request{{Method: http.MethodPost, Path: setPath, Body: items[0].Body}}
	}
	return bulkRequests("submitTiIndicators", items)
}

// request is one request as --dry-run prints it.
type request struct {
	Method string
	Path   string
	Body   []byte
}

func bulkRequests(action string, items []item) []request {
	var out []request
	for _, chunk := range tiindicator.Chunks(items, tiindicator.MaxPerRequest) {
		raws := make([]json.RawMessage, len(chunk))
		for i, it := range chunk {
			raws[i] = it.Body
		}
		body, _ := tiindicator.BulkBody(raws)
		out = append(out, request{Method: http.MethodPost, Path: setPath + "/" + action, Body: body})
	}
	return out
}

// printDryRun prints each request as "METHOD /beta/path" and its body indented, a blank
// line between requests, as the other write commands do.
func printDryRun(deps shared.Deps, reqs []request) error {
	var b bytes.Buffer
	for i, r := range reqs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s /%s%s\n", r.Method, shared.BetaVersion, r.Path)
		if len(r.Body) > 0 {
			b.Write(indentJSON(r.Body))
			b.WriteByte('\n')
		}
	}
	_, err := deps.IO.Out.Write(b.Bytes())
	return err
}
