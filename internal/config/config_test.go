package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func testSources(t *testing.T, env map[string]string, args ...string) Sources {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.StringP("output", "o", "", "")
	fs.String("api-version", "", "")
	fs.String("endpoint", "", "")
	fs.Int("concurrency", 0, "")
	fs.Duration("timeout", 0, "")
	fs.String("config", "", "")
	fs.Bool("debug", false, "")
	fs.Bool("demo", false, "")
	fs.Bool("no-color", false, "")
	fs.String("color", "auto", "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return Sources{
		Getenv:        func(k string) string { return env[k] },
		Flags:         fs,
		UserConfigDir: func() (string, error) { return "", os.ErrNotExist },
	}
}

func TestPrecedenceFlagEnvFileDefault(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("output: csv\napi_version: beta\nconcurrency: 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"MDTI_CONFIG_DIR": dir, "MDTI_OUTPUT": "yaml", "MDTI_API_VERSION": "v1.0"}
	c, err := Load(testSources(t, env, "--output", "jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Output != "jsonl" || c.Origins["output"] != "flag --output" {
		t.Errorf("output = %q from %q, want jsonl from the flag", c.Output, c.Origins["output"])
	}
	if c.APIVersion != "v1.0" || c.Origins["api_version"] != "env MDTI_API_VERSION" {
		t.Errorf("api_version = %q from %q, want v1.0 from env", c.APIVersion, c.Origins["api_version"])
	}
	if c.Concurrency != 7 || c.Origins["concurrency"] != "file" {
		t.Errorf("concurrency = %d from %q, want 7 from the file", c.Concurrency, c.Origins["concurrency"])
	}
	if c.Timeout != 30*time.Second || c.Origins["timeout"] != "default" {
		t.Errorf("timeout = %s from %q, want the 30s default", c.Timeout, c.Origins["timeout"])
	}
	if c.GraphEndpoint != "https://graph.microsoft.com" {
		t.Errorf("graph endpoint = %q", c.GraphEndpoint)
	}
}

func TestInvalidValuesNameTheirSource(t *testing.T) {
	_, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "MDTI_OUTPUT": "xml"}))
	if err == nil || !strings.Contains(err.Error(), `invalid output "xml"`) || !strings.Contains(err.Error(), "env MDTI_OUTPUT") {
		t.Fatalf("err = %v, want invalid output naming MDTI_OUTPUT", err)
	}
}

func TestConfigFlagBeatsEnvPath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "other.yaml")
	os.WriteFile(p, []byte("output: json\n"), 0o600)
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir()}, "--config", p))
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != p || c.Output != "json" {
		t.Errorf("path %q output %q, want %q json", c.Path, c.Output, p)
	}
}

func TestSetWritesPrivateFileAndValidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mdti")
	path := filepath.Join(dir, "config.yaml")
	if err := Set(path, "output", "json"); err != nil {
		t.Fatal(err)
	}
	if err := Set(path, "concurrency", "0"); err == nil {
		t.Fatal("concurrency 0 accepted")
	}
	if err := Set(path, "colour", "red"); err == nil || !strings.Contains(err.Error(), "unknown config key") {
		t.Fatalf("unknown key: %v", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(dir)
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", dst.Mode().Perm())
	}
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG": path}))
	if err != nil || c.Output != "json" {
		t.Fatalf("after set: %v %+v", err, c)
	}
}

func TestProfilesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	Set(path, "output", "csv")
	p := Profile{Tenant: "contoso.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555", Method: "client-secret"}
	if err := SaveProfile(path, "prod", p); err != nil {
		t.Fatal(err)
	}
	if err := SaveProfile(path, "ci", Profile{Tenant: "t", ClientID: "c", Method: "device-code", HomeAccountID: "a.b"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG": path}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Profiles["prod"] != p || c.Profiles["ci"].HomeAccountID != "a.b" {
		t.Fatalf("profiles = %+v", c.Profiles)
	}
	if err := DeleteProfile(path, "prod"); err != nil {
		t.Fatal(err)
	}
	c, _ = Load(testSources(t, map[string]string{"MDTI_CONFIG": path}))
	if _, ok := c.Profiles["prod"]; ok || c.Profiles["ci"].Tenant != "t" || c.Output != "csv" {
		t.Fatalf("after delete: profiles %+v output %q", c.Profiles, c.Output)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), "secret:") {
		t.Errorf("config file holds a secret:\n%s", raw)
	}
}

func TestOwnDomainsFromFileListOrCommas(t *testing.T) {
	for name, content := range map[string]string{
		"list":   "own_domains:\n  - contoso.com\n  - '*.contoso.onmicrosoft.com'\n",
		"commas": "own_domains: 'contoso.com, *.contoso.onmicrosoft.com'\n",
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(path, []byte(content), 0o600)
		c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG": path}))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := []string{"contoso.com", "*.contoso.onmicrosoft.com"}
		if strings.Join(c.OwnDomains, "|") != strings.Join(want, "|") || c.Origins["own_domains"] != "file" {
			t.Errorf("%s: own domains %q from %q, want %q from the file", name, c.OwnDomains, c.Origins["own_domains"], want)
		}
		if v, _ := c.Value("own_domains"); v != "contoso.com,*.contoso.onmicrosoft.com" {
			t.Errorf("%s: Value = %q", name, v)
		}
	}
}

func TestOwnDomainsValidated(t *testing.T) {
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "MDTI_OWN_DOMAINS": "contoso.com,,fabrikam.com "}))
	if err != nil || strings.Join(c.OwnDomains, " ") != "contoso.com fabrikam.com" {
		t.Fatalf("own domains %q, %v", c.OwnDomains, err)
	}
	for _, bad := range []string{"10.0.0.1", "https://contoso.com/x", "not a domain"} {
		_, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "MDTI_OWN_DOMAINS": bad}))
		if err == nil || !strings.Contains(err.Error(), "invalid own_domains") || !strings.Contains(err.Error(), "MDTI_OWN_DOMAINS") {
			t.Errorf("%q: err = %v, want invalid own_domains naming MDTI_OWN_DOMAINS", bad, err)
		}
	}
	if err := Set(filepath.Join(t.TempDir(), "c.yaml"), "own_domains", "contoso.com,10.0.0.1"); err == nil {
		t.Error("set own_domains with an IP address accepted")
	}
}
