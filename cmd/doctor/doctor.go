// Package doctor is `mdti doctor`: a checklist of everything that stands between the user
// and an answer (configuration, network, sign-in, permissions, licence, token cache), each
// failure with its fix.
package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// Options are the dependencies of `mdti doctor`; it has no flags of its own.
type Options struct {
	IO           *iostreams.IOStreams
	Getenv       func(string) string
	Config       func() (*config.Config, error)
	Credential   func() (*auth.Credential, error)
	AuthSettings func() (auth.Settings, error)
	HTTPClient   func() (*http.Client, error)
	GraphClient  func() (*graph.Client, error)
	Flags        *cmdutil.GlobalFlags
	Now          func() time.Time
}

// Statuses of a check.
const (
	statusOK   = "ok"
	statusFail = "fail"
	statusWarn = "warn"
)

// Result is one line of the checklist, and one object of `-o json`.
type Result struct {
	Check  string `json:"check"`
	Status string `json:"status"`
	Detail string `json:"detail"`
	Fix    string `json:"fix"`
}

var resultView = render.View{Columns: []render.Column{
	{Header: "CHECK", Field: "check"},
	{Header: "STATUS", Field: "status"},
	{Header: "DETAIL", Field: "detail", Truncate: true},
	{Header: "FIX", Field: "fix", Truncate: true},
}}

// NewCmdDoctor builds `mdti doctor`.
func NewCmdDoctor(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Getenv: f.Getenv, Config: f.Config, Credential: f.Credential,
		AuthSettings: f.AuthSettings, HTTPClient: f.HTTPClient, GraphClient: f.GraphClient, Flags: f.Flags, Now: time.Now}
	return &cobra.Command{
		Use:   "doctor",
		Short: "check configuration, network, sign-in, permissions and licence, and say what to fix",
		Long: `Check, in order, everything a lookup depends on and print a checklist, one line per check
with the fix for anything wrong:

  configuration  which credential wins and why; the config file and its permissions
  network        the Graph endpoint and the sign-in authority answer, TLS verifies, the
                 proxy in use, the clock's skew against the server's Date
  sign-in        a token can be had; its tenant, app, permissions and expiry
  permissions    for each command family (threat intelligence, alerts, incidents, hunting,
                 score, indicators, actions), whether the token carries a permission for it
  probes         one cheap read per family the token can reach; a 403 is explained:
                 licence (Defender XDR or Sentinel), role, or tenant verification
  token cache    where tokens are kept, encrypted or not, file modes, stale temp files

It exits 0 when nothing failed (warnings allowed) and 1 otherwise. Nothing is printed
that could sign in for you: no token, secret or assertion.`,
		Example: `  mdti --demo doctor
  mdti --demo doctor -o json
  mdti --demo doctor -o json --jq '.[] | select(.status != "ok")'
  mdti --profile prod doctor`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return doctorRun(c.Context(), opts)
		},
	}
}

func doctorRun(ctx context.Context, opts *Options) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	d := &doctor{opts: opts, cfg: cfg}
	d.configuration()
	d.network(ctx)
	d.signIn(ctx)
	d.permissions()
	d.probes(ctx)
	d.tokenCache(ctx)
	if err := d.print(); err != nil {
		return err
	}
	if n := d.failed(); n > 0 {
		if opts.IO.IsStderrTTY() {
			fmt.Fprintf(opts.IO.ErrOut, "%d check(s) failed.\n", n)
		}
		return &cmdutil.SilentError{Code: cmdutil.ExitError}
	}
	return nil
}

// doctor carries what one check learns for the next ones.
type doctor struct {
	opts    *Options
	cfg     *config.Config
	results []Result

	cred        *auth.Credential
	endpoint    string // the Graph origin actually used (the emulator's under --demo)
	endpointOK  bool
	token       string
	claims      *claims // nil: no token, or an opaque one
	tokenFailed bool
}

func (d *doctor) add(check, status, detail, fix string) {
	d.results = append(d.results, Result{Check: check, Status: status, Detail: detail, Fix: fix})
}

func (d *doctor) failed() int {
	n := 0
	for _, r := range d.results {
		if r.Status == statusFail {
			n++
		}
	}
	return n
}

// print writes the checklist on a table run, else the results as records.
func (d *doctor) print() error {
	format, err := render.ParseFormat(d.cfg.Output)
	if err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	if format == render.Table && d.opts.Flags.JQ == "" && len(d.opts.Flags.Fields) == 0 {
		return d.printChecklist()
	}
	p, _, err := shared.NewPrinter(d.opts.IO, d.cfg, d.opts.Flags, resultView, false)
	if err != nil {
		return err
	}
	for _, r := range d.results {
		rec, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := p.Add(rec); err != nil {
			return err
		}
	}
	return p.Close()
}

var symbols = map[string]string{statusOK: "✔", statusFail: "✖", statusWarn: "!"}

func (d *doctor) printChecklist() error {
	for _, r := range d.results {
		line := symbols[r.Status] + " " + r.Check + ": " + r.Detail
		if r.Fix != "" {
			line += " (fix: " + r.Fix + ")"
		}
		if _, err := fmt.Fprintln(d.opts.IO.Out, render.Sanitize(line)); err != nil {
			return err
		}
	}
	return nil
}

// timeout bounds each network check: --timeout, else 30 s.
func (d *doctor) timeout() time.Duration {
	if d.cfg.Timeout > 0 {
		return d.cfg.Timeout
	}
	return 30 * time.Second
}
