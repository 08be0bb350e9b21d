// Package api implements `mdti api`: any Graph request, like `gh api`.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/safefile"
)

// Options are the inputs of `mdti api`.
type Options struct {
	shared.Deps
	Path     string
	Method   string
	Input    string
	Headers  []string
	Paginate bool
}

// NewCmdAPI sends one Graph request (or walks a collection) and prints the JSON.
func NewCmdAPI(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{Deps: shared.NewDeps(f)}
	c := &cobra.Command{
		Use:   "api <path>",
		Short: "send any request to Microsoft Graph and print the JSON response",
		Long: `Send a request to Microsoft Graph with mdti's sign-in and print the response body as
received (indented when stdout is a terminal): every threat-intelligence endpoint,
including those without a command of their own (hostComponents/{id}, hostPairs/{id},
passiveDnsRecords/{id}, whoisHistoryRecord/{id}, vulnerabilities/{id}/components/{id}…).

PATH is relative to the API version root (--api-version, default v1.0), e.g.
/security/threatIntelligence/hosts/contoso.com; "/beta/…" or "/v1.0/…" picks the
version, and an absolute https://graph.microsoft.com/{version}/… URL is accepted too.
The token is only ever sent to the configured Graph endpoint: a URL on another host
is refused. Quote the path in the shell: OData options start with "$".

--method (-X) sets the HTTP method (GET, or POST when --input is given); --input FILE
sends the file as the JSON body ("-" reads stdin); -H 'Name: value' adds a header
(repeatable). --paginate follows @odata.nextLink and prints the "value" items of every
page as one JSON array, or one item per line with -o jsonl. --jq filters the output.

A response with an error status still prints its body on stdout; the error goes to
stderr and the exit code follows the status (404 → 5, 403 → 6, 401 → 4, 429 → 7,
other errors → 1; see mdti help exit-codes).`,
		Example: `  mdti api /security/threatIntelligence/hosts/contoso.com
  mdti api '/security/threatIntelligence/hosts/contoso.com/passiveDns?$top=5&$count=true'
  mdti api /beta/security/threatIntelligence/intelProfiles/actinium
  mdti api /security/threatIntelligence/articles --paginate -o jsonl
  mdti api /security/threatIntelligence/vulnerabilities/CVE-2021-44228/components --jq '.value[].name'
  mdti api -X POST '/$batch' --input requests.json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("give one PATH, e.g. mdti api /security/threatIntelligence/hosts/contoso.com")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return apiRun(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&opts.Method, "method", "X", "", "HTTP `METHOD` (default GET, or POST with --input)")
	fl.StringVar(&opts.Input, "input", "", "send the JSON body in `FILE` (- for stdin)")
	fl.StringArrayVarP(&opts.Headers, "header", "H", nil, "add a request header 'Name: value' (repeatable)")
	fl.BoolVar(&opts.Paginate, "paginate", false, "follow @odata.nextLink and print the items of every page as one array")
	return c
}

func apiRun(ctx context.Context, opts *Options) error {
	header, err := parseHeaders(opts.Headers)
	if err != nil {
		return err
	}
	method := strings.ToUpper(opts.Method)
	var body []byte
	if opts.Input != "" {
		if body, err = readInput(opts.IO, opts.Input); err != nil {
			return err
		}
		if method == "" {
			method = http.MethodPost
		}
	}
	if method == "" {
		method = http.MethodGet
	}
	if opts.Paginate && method != http.MethodGet {
		return cmdutil.FlagErrorf("--paginate follows the pages of a GET, not %s", method)
	}
	client, err := opts.GraphClient()
	if err != nil {
		return err
	}
	path := versioned(client, opts.Path)
	if opts.Paginate {
		return paginate(ctx, opts, client, path, header)
	}
	resp, err := client.Do(ctx, method, path, body, header)
	if resp == nil {
		return requestError(err)
	}
	if perr := printBody(opts.Deps, resp.Body); perr != nil && err == nil {
		return perr
	}
	return err
}

// versioned turns "/beta/…" and "/v1.0/…" into an absolute URL on the configured endpoint,
// so a path may pick its version; other paths stay relative to --api-version's root.
func versioned(client *graph.Client, path string) string {
	origin := strings.TrimSuffix(client.BaseURL(), "/"+client.APIVersion())
	p := "/" + strings.TrimLeft(path, "/")
	for _, v := range []string{"v1.0", "beta"} {
		if p == "/"+v || strings.HasPrefix(p, "/"+v+"/") || strings.HasPrefix(p, "/"+v+"?") {
			return origin + p
		}
	}
	return path
}

// requestError makes a refused URL a usage error: nothing was sent.
func requestError(err error) error {
	if errors.Is(err, graph.ErrForeignHost) {
		return &cmdutil.FlagError{Err: fmt.Errorf("%w (mdti sends its token only to the configured Graph endpoint)", err)}
	}
	return err
}

func parseHeaders(raw []string) (http.Header, error) {
	h := http.Header{}
	for _, line := range raw {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") || strings.ContainsAny(value, "\r\n") {
			return nil, cmdutil.FlagErrorf("invalid header %q: want 'Name: value'", line)
		}
		if strings.EqualFold(name, "Authorization") || strings.EqualFold(name, "Host") {
			return nil, cmdutil.FlagErrorf("header %q is set by mdti", name)
		}
		h.Add(name, value)
	}
	return h, nil
}

// maxInput bounds a request body: Graph refuses bodies over 4 MB, and /dev/zero must not
// fill the memory.
const maxInput = 4 << 20

func readInput(ios *iostreams.IOStreams, name string) ([]byte, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = safefile.ReadCapped(ios.In, "stdin", maxInput)
	} else {
		b, err = safefile.ReadRegular(name, maxInput)
	}
	if err != nil {
		return nil, cmdutil.FlagErrorf("read --input: %w", err)
	}
	return b, nil
}

// printBody writes the body as received: indented on a terminal, through --jq when given.
func printBody(d shared.Deps, body []byte) error {
	out := d.IO.Out
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil
	}
	if d.Flags.JQ != "" || d.Flags.Fields != nil {
		if !json.Valid(trimmed) {
			return fmt.Errorf("--jq and --fields need a JSON response")
		}
		p, err := printer(d, render.JSON, true)
		if err != nil {
			return err
		}
		if err := p.Add(trimmed); err != nil {
			return err
		}
		return p.Close()
	}
	if d.IO.IsStdoutTTY() && json.Valid(trimmed) {
		var buf bytes.Buffer
		if json.Indent(&buf, trimmed, "", "  ") == nil {
			buf.WriteByte('\n')
			_, err := out.Write(sanitizeJSON(buf.Bytes()))
			return err
		}
	}
	if _, err := out.Write(body); err != nil {
		return err
	}
	if !bytes.HasSuffix(body, []byte("\n")) {
		_, err := out.Write([]byte("\n"))
		return err
	}
	return nil
}

// sanitizeJSON drops control characters other than newline and tab before they reach a
// terminal; inside JSON strings they are escaped already, so only stray bytes go.
func sanitizeJSON(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, b)
}

// printer is a JSON or JSONL printer honouring --jq and --fields.
func printer(d shared.Deps, format render.Format, single bool) (*render.Printer, error) {
	p, err := render.NewPrinter(d.IO.Out, render.View{}, render.Options{
		Format: format,
		Fields: d.Flags.Fields,
		JQ:     d.Flags.JQ,
		TTY:    d.IO.IsStdoutTTY(),
		Single: single,
	})
	if err != nil {
		return nil, &cmdutil.FlagError{Err: err}
	}
	return p, nil
}

// paginate GETs path and every @odata.nextLink after it, printing the items of "value"
// as one JSON array (JSONL with -o jsonl), as they arrive.
func paginate(ctx context.Context, opts *Options, client *graph.Client, path string, header http.Header) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	format := render.JSON
	if strings.EqualFold(strings.TrimSpace(cfg.Output), "jsonl") {
		format = render.JSONL
	}
	p, err := printer(opts.Deps, format, false)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	added := 0
	for next := path; next != ""; {
		if seen[next] {
			_ = p.Close()
			return fmt.Errorf("@odata.nextLink loops back to %s", displayPath(next))
		}
		seen[next] = true
		resp, err := client.Do(ctx, http.MethodGet, next, nil, header)
		if err != nil {
			// The first page's error body is the response; later, keep what was printed.
			if added == 0 && resp != nil {
				_ = printBody(opts.Deps, resp.Body)
			} else {
				_ = p.Close()
			}
			return requestError(err)
		}
		var page struct {
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink"`
		}
		if err := json.Unmarshal(resp.Body, &page); err != nil || page.Value == nil && !bytes.Contains(resp.Body, []byte(`"value"`)) {
			_ = p.Close()
			return fmt.Errorf("--paginate: %s is not a collection (no \"value\" array)", displayPath(next))
		}
		for _, item := range page.Value {
			if err := p.Add(item); err != nil {
				return err
			}
			added++
		}
		next = page.NextLink
	}
	return p.Close()
}

func displayPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "/"); j >= 0 {
			return u[i+3+j:]
		}
	}
	return u
}
