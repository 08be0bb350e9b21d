package config

import (
	"os"
	"path/filepath"
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
