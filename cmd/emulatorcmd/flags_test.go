package emulatorcmd

import (
	"context"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/emulator"
)

func TestEmulatorFlags(t *testing.T) {
	var got *Options
	c := NewCmdEmulator(sharedtest.Factory(), func(_ context.Context, o *Options) error { got = o; return nil })
	err := sharedtest.Execute(c, "--listen", "127.0.0.1:0", "--latency", "20ms", "--docs-literal", "--ti-retired", "--tenant", "unverified", "--enforce-permissions", "--tls=false")
	if err != nil {
		t.Fatal(err)
	}
	if got.Listen != "127.0.0.1:0" || got.Latency != 20*time.Millisecond || !got.DocsLiteral || !got.TiRetired || got.TenantMode != "unverified" || !got.Permissions || got.TLS {
		t.Errorf("options = %+v", got)
	}
}

func TestTenantModeIsCheckedBeforeAnythingStarts(t *testing.T) {
	for in, want := range map[string]string{"normal": emulator.TenantNormal, "unlicensed": emulator.TenantUnlicensed, "unverified": emulator.TenantUnverified} {
		if got, err := parseTenantMode(in); err != nil || got != want {
			t.Errorf("parseTenantMode(%q) = %q, %v", in, got, err)
		}
	}
	_, err := parseTenantMode("hostile")
	if cmdutil.ExitCode(err) != cmdutil.ExitUsage {
		t.Errorf("an unknown tenant mode gave %v, want a usage error", err)
	}
}
