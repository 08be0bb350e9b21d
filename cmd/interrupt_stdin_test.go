package cmd_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Ctrl-C while mdti waits for more input on a pipe (a producer that has gone quiet)
// ends the run at once: exit 130, "interrupted", nothing looked up. Before, the read
// held mdti until the producer wrote more or closed the pipe.
func TestInterruptWhileWaitingForStdin(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ios, _, out, errOut := iostreams.Test()
	ios.In = pr
	dir := t.TempDir()
	env := map[string]string{"MDTI_CONFIG_DIR": dir, "MDTI_CACHE_DIR": dir, "HOME": dir}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- cmd.Run(ctx, []string{"--demo", "reputation", "-o", "jsonl"}, ios, func(k string) string { return env[k] })
	}()
	// The pipe hands a write over only to a reader: once this returns, mdti is reading
	// its input, and its next read waits for more.
	if _, err := pw.Write([]byte("contoso.com\n")); err != nil {
		t.Fatal(err)
	}
	cancel() // what Ctrl-C does to the run's context
	select {
	case c := <-code:
		if c != 130 {
			t.Errorf("exit %d, want 130; stderr %q", c, errOut.String())
		}
	case <-time.After(30 * time.Second): // a hang guard, not a wait for time to pass
		t.Fatal("mdti still waiting for stdin after the interrupt")
	}
	if !strings.Contains(errOut.String(), "mdti: interrupted") || out.Len() != 0 {
		t.Errorf("stdout %q, stderr %q: want nothing looked up and \"interrupted\"", out.String(), errOut.String())
	}
}
