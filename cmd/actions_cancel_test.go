package cmd_test

import (
	"net/http/httptest"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator"
)

// cancelSecurityAction answers 200 with no body: nothing on stdout, and a confirmation on
// stderr only when it is a terminal.
func TestCancelConfirmsOnATerminalOnly(t *testing.T) {
	for _, tty := range []bool{true, false} {
		srv := httptest.NewServer(emulator.New(emulator.Options{Seed: 1}))
		code, out, errOut := runInProcess(t, srv.URL, "", tty, "actions", "cancel", "1234567890")
		srv.Close()
		want := ""
		if tty {
			want = "✓ cancelled security action 1234567890\n"
		}
		if code != 0 || out != "" || errOut != want {
			t.Errorf("tty=%v: exit %d, stdout %q, stderr %q, want %q", tty, code, out, errOut, want)
		}
	}
}
