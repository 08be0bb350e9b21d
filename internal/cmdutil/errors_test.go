package cmdutil

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/graph"
)

func TestPermissionIsInheritedFromTheNearestParent(t *testing.T) {
	root := &cobra.Command{Use: "mdti"}
	alerts := &cobra.Command{Use: "alerts", Annotations: map[string]string{PermissionAnnotation: "SecurityAlert.Read.All"}}
	list := &cobra.Command{Use: "list"}
	update := &cobra.Command{Use: "update", Annotations: map[string]string{PermissionAnnotation: "SecurityAlert.ReadWrite.All"}}
	root.AddCommand(alerts)
	alerts.AddCommand(list, update)
	for c, want := range map[*cobra.Command]string{root: "", alerts: "SecurityAlert.Read.All", list: "SecurityAlert.Read.All", update: "SecurityAlert.ReadWrite.All"} {
		if got := Permission(c); got != want {
			t.Errorf("Permission(%s) = %q, want %q", c.Name(), got, want)
		}
	}
	if Permission(nil) != "" {
		t.Error("Permission(nil) should be empty")
	}
}

func TestForbiddenHintNamesTheCommandsPermission(t *testing.T) {
	forbidden := fmt.Errorf("get alert: %w", &graph.APIError{StatusCode: 403, Code: "Forbidden"})
	if got := Hint(forbidden, "SecurityIncident.ReadWrite.All"); !strings.Contains(got, "SecurityIncident.ReadWrite.All permission") {
		t.Errorf("hint %q does not name the permission", got)
	}
	ti := Hint(forbidden, "")
	for _, want := range []string{"ThreatIntelligence.Read.All", "Defender XDR", "Sentinel", "Security Reader", "verified"} {
		if !strings.Contains(ti, want) {
			t.Errorf("threat-intelligence hint %q lacks %q", ti, want)
		}
	}
	if got := Hint(fmt.Errorf("x: %w", &graph.APIError{StatusCode: 404}), "SecurityAlert.Read.All"); got != "" {
		t.Errorf("a 404 got a hint: %q", got)
	}
}

type hintedErr struct{ error }

func (hintedErr) Hint() string { return "narrow it" }

func TestErrorsCarryTheirOwnHint(t *testing.T) {
	err := fmt.Errorf("hunt: %w", hintedErr{&graph.APIError{StatusCode: 504}})
	if got := Hint(err, "ThreatHunting.Read.All"); got != "narrow it" {
		t.Errorf("Hint = %q, want the error's own", got)
	}
}

func TestThreatIntelligenceErrorGetsTheThreatIntelligenceHint(t *testing.T) {
	forbidden := &ThreatIntelligenceError{Err: fmt.Errorf("look up hosts: %w", &graph.APIError{StatusCode: 403})}
	if got := Hint(fmt.Errorf("enrich: %w", forbidden), "SecurityIncident.Read.All"); got != threatIntelligenceForbidden {
		t.Errorf("Hint = %q, want the threat-intelligence advice", got)
	}
	if ExitCode(forbidden) != ExitForbidden {
		t.Errorf("exit %d, want %d", ExitCode(forbidden), ExitForbidden)
	}
	throttled := &ThreatIntelligenceError{Err: &graph.APIError{StatusCode: 429}}
	if got := Hint(throttled, "SecurityIncident.Read.All"); !strings.Contains(got, "throttling") {
		t.Errorf("Hint of a throttled lookup = %q, want the usual throttling advice", got)
	}
}
