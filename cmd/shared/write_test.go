package shared

import (
	"context"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/config"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lookup"
)

func TestEnumParse(t *testing.T) {
	for in, want := range map[string]string{"HIGH": "high", " inprogress ": "inProgress", "Clean": "notMalicious", "compromiseduser": "compromisedAccount"} {
		e := Severity
		if strings.Contains(strings.ToLower(in), "progress") {
			e = AlertStatus
		} else if !strings.EqualFold(in, "high") {
			e = Determination
		}
		if got, err := e.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := Severity.Parse("critical")
	if cmdutil.ExitCode(err) != cmdutil.ExitUsage || err.Error() != `invalid --severity "critical": want one of high, medium, low, informational, unknown` {
		t.Errorf("Parse(critical) error %v", err)
	}
}

// --dry-run prints every request with its notes, sends nothing and needs no client.
func TestDryRunSendsNothing(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	d := Deps{IO: ios, Flags: &cmdutil.GlobalFlags{},
		Config:      func() (*config.Config, error) { return &config.Config{APIVersion: "beta"}, nil },
		GraphClient: func() (*graph.Client, error) { t.Fatal("dry run asked for a client"); return nil, nil }}
	w := Writes{DryRun: true,
		Plan: func(in lookup.Input) Request {
			return Request{Method: "PATCH", Path: SecurityPath("incidents", in.Key), Body: map[string]any{"status": "resolved"}, Notes: []string{"customTags: merged"}}
		},
		Prepare: func(context.Context, *graph.Client, lookup.Input, *Request) error {
			t.Fatal("dry run prepared a request")
			return nil
		}}
	if err := d.RunWrites(context.Background(), []lookup.Input{{Query: "1", Key: "1"}, {Query: "a/b", Key: "a/b"}}, false, w); err != nil {
		t.Fatal(err)
	}
	want := "PATCH /beta/security/incidents/1\n# customTags: merged\n{\n  \"status\": \"resolved\"\n}\n\n" +
		"PATCH /beta/security/incidents/a%2Fb\n# customTags: merged\n{\n  \"status\": \"resolved\"\n}\n"
	if out.String() != want {
		t.Errorf("dry run printed\n%s\nwant\n%s", out, want)
	}
}

func TestEmitAnswer(t *testing.T) {
	var got []string
	emit := func(rec []byte) error { got = append(got, string(rec)); return nil }
	if err := emitAnswer(Request{}, []byte(`{"@odata.context":"x","value":[{"comment":"a"},{"comment":"b"}]}`), emit); err != nil {
		t.Fatal(err)
	}
	if err := emitAnswer(Request{}, []byte(`{"@odata.context":"x","id":"1","value":"not a list"}`), emit); err != nil {
		t.Fatal(err)
	}
	want := []string{`{"comment":"a"}`, `{"comment":"b"}`, `{"id":"1","value":"not a list"}`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("emitted %q, want %q", got, want)
	}
}
