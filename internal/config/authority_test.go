package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The authority host: flag > MDTI_AUTHORITY_HOST > AZURE_AUTHORITY_HOST > file > default.
func TestAuthorityHostFallsBackToTheAzureVariable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("authority_host: https://file.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env        map[string]string
		want, from string
	}{
		{map[string]string{}, "https://file.example", "file"},
		{map[string]string{"AZURE_AUTHORITY_HOST": "https://azure.example/"}, "https://azure.example", "env AZURE_AUTHORITY_HOST"},
		{map[string]string{"AZURE_AUTHORITY_HOST": "https://azure.example", "MDTI_AUTHORITY_HOST": "https://mdti.example"}, "https://mdti.example", "env MDTI_AUTHORITY_HOST"},
	} {
		tc.env["MDTI_CONFIG_DIR"] = dir
		c, err := Load(testSources(t, tc.env))
		if err != nil {
			t.Fatal(err)
		}
		if c.AuthorityHost != tc.want || c.Origins["authority_host"] != tc.from {
			t.Errorf("%v: authority_host = %q from %q, want %q from %q", tc.env, c.AuthorityHost, c.Origins["authority_host"], tc.want, tc.from)
		}
	}
}

func TestHugeTimeoutIsCapped(t *testing.T) {
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir()}, "--timeout", "1000000h"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeout != MaxTimeout {
		t.Fatalf("timeout = %s, want %s", c.Timeout, MaxTimeout)
	}
}

// A world-writable config file, and keys mdti does not know, are named in warnings; a
// demo run reads no file and warns of nothing.
func TestConfigFileWarnings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("output: json\noutptu: csv\nprofiles:\n  a:\n    tenant: t\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": dir}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 2 || !strings.Contains(c.Warnings[0], "writable by other users (mode 0666)") || !strings.Contains(c.Warnings[1], `unknown key "outptu"`) {
		t.Fatalf("warnings = %q", c.Warnings)
	}
	c, err = Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": dir}, "--demo"))
	if err != nil || len(c.Warnings) != 0 {
		t.Fatalf("demo: %v %q", err, c.Warnings)
	}
}
