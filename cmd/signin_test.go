package cmd_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mdti-cli/mdti/cmd"
	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/iostreams"
)

// A hundred invocations with a client secret cost one sign-in: every run after the first
// finds the token in the cache file (each cmd.Run builds everything anew, like a process).
func TestHundredInvocationsOneSignIn(t *testing.T) {
	stack := emulator.NewStack(emulator.StackOptions{})
	srv, err := emulator.Serve(context.Background(), "127.0.0.1:0", stack, true)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	home := t.TempDir()
	ca := filepath.Join(home, "ca.pem")
	if err := os.WriteFile(ca, srv.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"HOME": home, "XDG_CACHE_HOME": filepath.Join(home, ".cache"), "MDTI_CONFIG_DIR": filepath.Join(home, "cfg"),
		"MDTI_GRAPH_ENDPOINT": srv.URL(), "MDTI_AUTHORITY_HOST": srv.URL(), "MDTI_CA_CERT": ca,
		"AZURE_TENANT_ID": emulator.DemoTenant, "AZURE_CLIENT_ID": emulator.DemoClientID,
		"AZURE_CLIENT_SECRET": emulator.DemoClientSecret, "MDTI_TOKEN_CACHE": "file",
	}
	for i := range 100 {
		ios, _, out, errOut := iostreams.Test()
		code := cmd.Run(context.Background(), []string{"reputation", "contoso.com", "-o", "jsonl"}, ios, func(k string) string { return env[k] })
		if code != 0 || out.Len() == 0 {
			t.Fatalf("run %d: exit %d, stderr %q", i, code, errOut.String())
		}
	}
	if n := stack.Entra.TokenRequests(); n != 1 {
		t.Fatalf("%d token requests for 100 invocations, want 1", n)
	}
	if _, err := os.Stat(filepath.Join(home, ".cache", "mdti")); err != nil {
		t.Fatalf("the cache is not under the test's XDG_CACHE_HOME: %v", err)
	}
}
