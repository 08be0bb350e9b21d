package indicators

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
	"github.com/mdti-cli/mdti/internal/render"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// printOutcomes prints one record per item, in order: the indicator Graph answered or a
// status record, each with "query"; a failure is an error record in json, jsonl and yaml, a
// "failed" row in a table or CSV, and a line on stderr. One item that failed returns its
// error (printed once, with its hint); otherwise the worst exit code of the failures. single
// says one id on the command line (update, delete): json prints its record bare, as the
// other write commands do.
func printOutcomes(ctx context.Context, deps shared.Deps, items []item, outs []outcome, stray []tiindicator.Outcome, single bool) error {
	if len(items) == 1 && outs[0].Err != nil {
		return outs[0].Err
	}
	cfg, err := deps.Config()
	if err != nil {
		return err
	}
	printer, format, err := shared.NewPrinter(deps.IO, cfg, deps.Flags, OutcomeView, single)
	if err != nil {
		return err
	}
	worst := cmdutil.ExitOK
	for i, o := range outs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		q := items[i].Query
		if o.Err == nil {
			if err := printer.Add(render.PrependQuery(o.Record, q)); err != nil {
				return err
			}
			continue
		}
		worst = cmdutil.WorseExit(worst, cmdutil.ExitCode(o.Err))
		fmt.Fprintf(deps.IO.ErrOut, "mdti: %s: %s\n", render.Sanitize(q), render.Sanitize(o.Err.Error()))
		rec := errorRecord(q, o.Err)
		if format.CarriesErrors() {
			err = printer.AddError(rec)
		} else {
			err = printer.Add(rec)
		}
		if err != nil {
			return err
		}
	}
	for _, s := range stray {
		fmt.Fprintf(deps.IO.ErrOut, "mdti: Graph answered a result for no item sent: id %q externalId %q %s %s\n",
			render.Sanitize(s.ID), render.Sanitize(s.ExternalID), render.Sanitize(s.Code), render.Sanitize(s.Message))
	}
	if err := printer.Close(); err != nil {
		return err
	}
	if worst != cmdutil.ExitOK {
		return &cmdutil.SilentError{Code: worst}
	}
	return nil
}

// errorRecord is the in-band record of a failed item (docs/reference.md §3), with the
// item's own code and message when Graph gave them per item.
func errorRecord(query string, err error) []byte {
	ie, ok := err.(*itemError)
	if !ok {
		return lookup.ErrorRecord(query, err)
	}
	type detail struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Status  *int   `json:"status"`
	}
	b, _ := json.Marshal(struct {
		Query string `json:"query"`
		Error detail `json:"error"`
	}{query, detail{Code: ie.Code, Message: ie.Message}})
	return b
}

// indentJSON is body indented for --dry-run.
func indentJSON(body []byte) []byte {
	var b bytes.Buffer
	if json.Indent(&b, body, "", "  ") != nil {
		return body
	}
	return b.Bytes()
}
