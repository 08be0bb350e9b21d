package shared

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/lookup"
)

func TestGateSummaryAndExitPriority(t *testing.T) {
	var stderr bytes.Buffer
	g := NewGate("suspicious", 50)
	g.Observe("neutral", 0)
	g.Observe("Suspicious", 10)
	g.Observe("unknown", 60)
	if err := g.Result(&stderr, nil); cmdutil.ExitCode(err) != cmdutil.ExitThreshold {
		t.Errorf("exit %d, want 3", cmdutil.ExitCode(err))
	}
	if got := stderr.String(); got != "2 of 3 hosts at or above suspicious or scored above 50\n" {
		t.Errorf("summary %q", got)
	}
	// Any error outranks the threshold (2 > 4 > 6 > 7 > 1 > 5 > 3): it keeps its code.
	forbidden := fmt.Errorf("x: %w", &graph.APIError{StatusCode: 403})
	if err := g.Result(&bytes.Buffer{}, forbidden); cmdutil.ExitCode(err) != cmdutil.ExitForbidden {
		t.Errorf("with a 403: exit %d", cmdutil.ExitCode(err))
	}
	notFound := &graph.APIError{StatusCode: 404}
	if err := g.Result(&bytes.Buffer{}, notFound); cmdutil.ExitCode(err) != cmdutil.ExitNotFound {
		t.Errorf("with a 404: exit %d", cmdutil.ExitCode(err))
	}
	// No threshold: no summary, the run's own outcome.
	stderr.Reset()
	off := NewGate("", -1)
	off.Observe("malicious", 100)
	if err := off.Result(&stderr, nil); err != nil || stderr.Len() != 0 {
		t.Errorf("gate off: %v, %q", err, stderr.String())
	}
	// Nothing checked and the run failed: the failure alone.
	if err := NewGate("malicious", -1).Result(&stderr, forbidden); err != forbidden || stderr.Len() != 0 {
		t.Errorf("nothing checked: %v, %q", err, stderr.String())
	}
}

// As an engine's Inspect, the gate counts each inspection: the engine inspects a repeated
// key's record again for every input that repeats it, so the summary counts inputs with
// nothing kept per key; CountInputs says how many inputs there were, failed ones included.
func TestGateCountsEveryInspectedInput(t *testing.T) {
	g := NewGate("malicious", -1)
	bad := []byte(`{"classification":"malicious","score":100}`)
	good := []byte(`{"classification":"neutral","score":0}`)
	for _, rec := range [][]byte{bad, good, bad} { // bad.test, good.test, bad.test again
		if err := g.Inspect(lookup.Input{}, rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Inspect(lookup.Input{}, []byte(`not json`)); err == nil {
		t.Error("a record that is not a reputation passed")
	}
	g.CountInputs(4) // and one input that failed
	var stderr bytes.Buffer
	if err := g.Result(&stderr, nil); cmdutil.ExitCode(err) != cmdutil.ExitThreshold {
		t.Errorf("exit %d, want 3", cmdutil.ExitCode(err))
	}
	if got := stderr.String(); got != "2 of 4 hosts at or above malicious\n" {
		t.Errorf("summary %q", got)
	}
}
