package alerts

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/cmd/shared/enrich"
	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestListFlags(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdList, []sharedtest.FlagCase[ListOptions]{
		{Args: []string{}, Want: ListOptions{Filter: shared.TriageFilter{}}},
		{Args: []string{"--severity", "high,medium", "--severity", "low", "--status", "new", "--service-source", "microsoftDefenderForEndpoint",
			"--classification", "truePositive", "--determination", "malware", "--assigned-to", "a@b.c", "--since", "7d", "--until", "2026-01-31", "--filter", "x eq 1"},
			Want: ListOptions{Filter: shared.TriageFilter{Severity: []string{"high", "medium", "low"}, Status: []string{"new"}, ServiceSource: []string{"microsoftDefenderForEndpoint"},
				Classification: []string{"truePositive"}, Determination: []string{"malware"}, AssignedTo: "a@b.c", Since: "7d", Until: "2026-01-31", Filter: "x eq 1"}}},
		{Args: []string{"extra"}, Err: `unknown command "extra"`},
		{Args: []string{"--tag", "x"}, Err: "unknown flag: --tag"},
	}, func(t testing.TB, o *ListOptions) {
		if o.IO == nil || o.Now == nil {
			t.Errorf("dependencies not passed")
		}
		*o = ListOptions{Filter: o.Filter} // the cases speak of the filter only
	})
}

// The filter a full set of flags builds, with an injected clock.
func TestListFilter(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	f := shared.TriageFilter{Severity: []string{"HIGH"}, Status: []string{"InProgress"}, Since: "2d", Until: "2026-03-10"}
	got, err := f.Build(shared.AlertStatus, now)
	want := "(status eq 'inProgress') and (severity eq 'high') and (createdDateTime ge 2026-03-08T12:00:00Z and createdDateTime lt 2026-03-11T00:00:00Z)"
	if err != nil || got != want {
		t.Errorf("Build = %q, %v; want %q", got, err, want)
	}
	if got, err := (shared.TriageFilter{}).Build(shared.AlertStatus, now); err != nil || got != "" {
		t.Errorf("no flags: %q, %v; want no filter", got, err)
	}
}

func TestUpdateAndCommentFlags(t *testing.T) {
	var upd *shared.UpdateOptions
	err := sharedtest.Execute(shared.NewCmdUpdate(sharedtest.Factory(), triage, updateHelp, func(_ context.Context, o *shared.UpdateOptions) error {
		upd = o
		return nil
	}), "a1", "a2", "--status", "resolved", "--assign-to", "", "--dry-run")
	if err != nil || upd == nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(upd.Args, []string{"a1", "a2"}) || upd.Status != "resolved" || !upd.AssignSet || upd.AssignTo != "" || !upd.DryRun {
		t.Errorf("options %+v", upd)
	}
	// Alerts have no tags.
	if err := sharedtest.Execute(shared.NewCmdUpdate(sharedtest.Factory(), triage, updateHelp, nil), "a1", "--tag", "x"); err == nil || !strings.Contains(err.Error(), "unknown flag: --tag") {
		t.Errorf("--tag on alerts: %v", err)
	}
	var com *shared.CommentOptions
	err = sharedtest.Execute(shared.NewCmdComment(sharedtest.Factory(), triage, commentHelp, func(_ context.Context, o *shared.CommentOptions) error {
		com = o
		return nil
	}), "a1", "-m", "hello", "--dry-run")
	if err != nil || com == nil || com.Message != "hello" || !com.DryRun || com.Stdin == nil {
		t.Errorf("comment options %+v, %v", com, err)
	}
}

func TestEnrichIsWiredWithTheAlertSource(t *testing.T) {
	var got *enrich.Options
	c := NewCmdEnrich(sharedtest.Factory(), func(_ context.Context, o *enrich.Options) error {
		got = o
		return nil
	})
	if err := sharedtest.Execute(c, "fa6384100100_-1147402967", "--max-score", "50"); err != nil || got == nil {
		t.Fatalf("enrich: %v", err)
	}
	if got.Source != enrich.Alerts || got.MaxScore != 50 {
		t.Errorf("options %+v", got)
	}
	if c.Flags().Lookup("comment") != nil || c.Flags().Lookup("dry-run") != nil {
		t.Error("alerts enrich has --comment or --dry-run")
	}
	if sub, _, err := NewCmdAlerts(sharedtest.Factory()).Find([]string{"enrich"}); err != nil || sub.Name() != "enrich" {
		t.Errorf("alerts enrich not found: %v", err)
	}
}
