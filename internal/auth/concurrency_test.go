package auth_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// Many goroutines, each with its own Credential as a separate process would have, start with
// an empty cache at once: the lock makes them share one token request and leaves a valid cache.
func TestParallelCredentialsShareOneSignIn(t *testing.T) {
	f := newFixture(t, entra.Options{})
	f.secretEnv()
	const n = 16
	creds := make([]*auth.Credential, n)
	for i := range creds {
		creds[i] = f.resolve(nil)
	}
	tokens := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range creds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tokens[i], errs[i] = creds[i].Token(t.Context(), "")
		}()
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil || tokens[i] != tokens[0] {
			t.Fatalf("goroutine %d: %v (same token: %v)", i, errs[i], tokens[i] == tokens[0])
		}
	}
	if got := f.entra.TokenRequests(); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
	f.token(f.resolve(nil))
	if got := f.entra.TokenRequests(); got != 1 {
		t.Errorf("cache not valid after the parallel run: %d requests", got)
	}
}

// One Credential used by many goroutines at once (Graph's workers) is safe under -race.
func TestOneCredentialManyGoroutines(t *testing.T) {
	f := newFixture(t, entra.Options{TokenLifetime: 4 * 60e9}) // always refreshes via MSAL
	f.secretEnv()
	c := f.resolve(nil)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Token(t.Context(), ""); err != nil {
				t.Error(err)
			}
			_ = c.ExpiresOn()
			_ = c.CacheStorage()
		}()
	}
	wg.Wait()
}

const helperEnv = "MDTI_AUTH_TEST_HELPER"

// TestHelperProcess is a child "mdti" process for TestParallelProcessesShareOneSignIn.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper for TestParallelProcessesShareOneSignIn")
	}
	ca, err := os.ReadFile(os.Getenv("HELPER_CA"))
	if err != nil {
		t.Fatal(err)
	}
	s := auth.Settings{
		AuthorityHost: os.Getenv("HELPER_AUTHORITY"),
		HTTPClient:    clientTrusting(t, ca),
		Store:         auth.NewMemoryStore(0),
		CacheDir:      os.Getenv("HELPER_CACHE"),
		CacheMode:     auth.CacheFile, // the in-memory keyring is not shared between processes
		Getenv:        os.Getenv,
		Stderr:        os.Stderr,
	}
	c, err := auth.Resolve(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Token(t.Context(), ""); err != nil {
		t.Fatal(err)
	}
}

// Real processes racing on one profile: flock keeps the cache whole and the sign-ins to one.
func TestParallelProcessesShareOneSignIn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	f := newFixture(t, entra.Options{})
	caPath := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caPath, serverCertPEM(f), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), helperEnv+"=1", "HELPER_CA="+caPath, "HELPER_AUTHORITY="+f.ts.URL, "HELPER_CACHE="+f.cacheDir,
		"AZURE_TENANT_ID="+tenantID, "AZURE_CLIENT_ID="+appID, "AZURE_CLIENT_SECRET="+appSecret, "MDTI_TOKEN=")
	const n = 6
	var wg sync.WaitGroup
	outs := make([]string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			if err != nil {
				outs[i] = fmt.Sprintf("process %d: %v\n%s", i, err, out)
			}
		}()
	}
	wg.Wait()
	if msg := strings.Join(outs, ""); msg != "" {
		t.Fatal(msg)
	}
	if got := f.entra.TokenRequests(); got != 1 {
		t.Errorf("%d processes made %d token requests, want 1", n, got)
	}
	f.mode = auth.CacheFile
	f.secretEnv()
	f.token(f.resolve(nil))
	if got := f.entra.TokenRequests(); got != 1 {
		t.Errorf("cache unusable after the race: %d requests", got)
	}
}
