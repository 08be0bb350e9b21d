package enrich

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// verdicts are what MDTI said about the hosts looked up.
type verdicts struct {
	reputation map[string]json.RawMessage            // by host; absent: MDTI has none (404)
	datasets   map[string]map[string]json.RawMessage // by host, then dataset name
}

// lookupRun is one bulk run of the TI side: the engine settings every run shares.
type lookupRun struct {
	client      *graph.Client
	concurrency int
	progress    func(total int) (lookup.Progress, func()) // a bar on a terminal's stderr, or nil
}

// lookUp looks every host up: the reputation in one bulk run (JSON batches of 20), then
// each --with dataset in its own. A 404 is an answer (MDTI has nothing: "unknown", or a
// null dataset); any other failure fails the run, since a verdict missing from the table
// would read as clean.
func (r lookupRun) lookUp(ctx context.Context, hosts []string, sets []dataset) (verdicts, error) {
	v := verdicts{reputation: map[string]json.RawMessage{}, datasets: map[string]map[string]json.RawMessage{}}
	if len(hosts) == 0 {
		return v, nil
	}
	inputs := make([]lookup.Input, len(hosts))
	for i, h := range hosts {
		inputs[i] = lookup.Input{Query: h, Key: h}
	}
	rep := &lookup.Engine{Client: r.client, Concurrency: r.concurrency,
		Entity: func(in lookup.Input) string { return graph.TIPath("hosts", in.Key, "reputation") }}
	err := r.run(ctx, rep, inputs, "reputation", func(host string, rec json.RawMessage) {
		if rec != nil {
			v.reputation[host] = rec
		}
	})
	if err != nil {
		return v, err
	}
	for _, d := range sets {
		err := r.run(ctx, d.engine(r.client, r.concurrency), inputs, d.name, func(host string, rec json.RawMessage) {
			if v.datasets[host] == nil {
				v.datasets[host] = map[string]json.RawMessage{}
			}
			if rec == nil {
				rec = json.RawMessage("null")
			}
			v.datasets[host][d.name] = rec
		})
		if err != nil {
			return v, err
		}
	}
	return v, nil
}

// run runs one engine over the hosts and hands each host's record to keep (nil for a
// 404). The error is the worst failure, by the exit-code priority, marked as threat
// intelligence.
func (r lookupRun) run(ctx context.Context, eng *lookup.Engine, inputs []lookup.Input, what string, keep func(host string, rec json.RawMessage)) error {
	var res lookup.Results
	if r.progress != nil {
		bar, stop := r.progress(len(inputs))
		eng.Progress = bar
		defer stop()
	}
	if _, err := eng.Run(ctx, inputs, &res); err != nil {
		return err
	}
	var worst error
	var worstHost string
	failed := 0
	for _, o := range res.Outcomes {
		switch {
		case o.Err == nil && len(o.Records) > 0:
			keep(o.Input.Key, o.Records[0])
		case o.Err == nil || graph.IsNotFound(o.Err):
			keep(o.Input.Key, nil)
		default:
			failed++
			if worst == nil || cmdutil.WorseExit(cmdutil.ExitCode(worst), cmdutil.ExitCode(o.Err)) != cmdutil.ExitCode(worst) {
				worst, worstHost = o.Err, o.Input.Key
			}
		}
	}
	if worst == nil {
		return nil
	}
	msg := fmt.Sprintf("look up the %s of %s", what, worstHost)
	if failed > 1 {
		msg = fmt.Sprintf("look up the %s of %d hosts (%s among them)", what, failed, worstHost)
	}
	return wrapTI(msg, worst)
}
