package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every spelling strconv.ParseBool accepts, as a user may type it.
var (
	trueSpellings  = []string{"1", "t", "T", "TRUE", "true", "True", " true "}
	falseSpellings = []string{"0", "f", "F", "FALSE", "false", "False", ""}
)

// userConfig writes a config file that a demo run must not read.
func userConfig(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	body := "output: csv\nprofiles:\n  default:\n    tenant: contoso.onmicrosoft.com\n    client_id: c\n    method: device-code\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"MDTI_CONFIG_DIR": dir}
}

func TestDemoOnIgnoresTheConfigFile(t *testing.T) {
	for _, v := range trueSpellings {
		t.Run("MDTI_DEMO="+v, func(t *testing.T) {
			env := userConfig(t)
			env["MDTI_DEMO"] = v
			c, err := Load(testSources(t, env))
			if err != nil {
				t.Fatal(err)
			}
			if !c.Demo || c.Output != "table" || c.Origins["output"] != "default" || len(c.Profiles) != 0 {
				t.Errorf("demo %v, output %q from %q, profiles %v: want the demo with defaults only",
					c.Demo, c.Output, c.Origins["output"], c.Profiles)
			}
		})
	}
	t.Run("--demo", func(t *testing.T) {
		c, err := Load(testSources(t, userConfig(t), "--demo"))
		if err != nil {
			t.Fatal(err)
		}
		if !c.Demo || c.Output != "table" || len(c.Profiles) != 0 {
			t.Errorf("demo %v, output %q, profiles %v", c.Demo, c.Output, c.Profiles)
		}
	})
}

func TestDemoOffReadsTheConfigFile(t *testing.T) {
	for _, v := range falseSpellings {
		t.Run("MDTI_DEMO="+v, func(t *testing.T) {
			env := userConfig(t)
			env["MDTI_DEMO"] = v
			c, err := Load(testSources(t, env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Demo || c.Output != "csv" || c.Profiles["default"].Tenant != "contoso.onmicrosoft.com" {
				t.Errorf("demo %v, output %q, profiles %v: want the user's file", c.Demo, c.Output, c.Profiles)
			}
		})
	}
	t.Run("--demo=false beats MDTI_DEMO=1", func(t *testing.T) {
		env := userConfig(t)
		env["MDTI_DEMO"] = "1"
		c, err := Load(testSources(t, env, "--demo=false"))
		if err != nil || c.Demo || c.Output != "csv" {
			t.Errorf("err %v, demo %v, output %q", err, c.Demo, c.Output)
		}
	})
}

func TestDebugSpellings(t *testing.T) {
	for _, tt := range []struct {
		values []string
		want   bool
	}{{trueSpellings, true}, {falseSpellings, false}} {
		for _, v := range tt.values {
			c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "MDTI_DEBUG": v}))
			if err != nil || c.Debug != tt.want {
				t.Errorf("MDTI_DEBUG=%q: debug %v, err %v; want %v", v, c != nil && c.Debug, err, tt.want)
			}
		}
	}
	c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir()}, "--debug"))
	if err != nil || !c.Debug {
		t.Errorf("--debug: debug %v, err %v", c != nil && c.Debug, err)
	}
	c, err = Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "MDTI_DEBUG": "1"}, "--debug=false"))
	if err != nil || c.Debug {
		t.Errorf("--debug=false with MDTI_DEBUG=1: debug %v, err %v; the flag wins", c != nil && c.Debug, err)
	}
}

// A value ParseBool refuses is an invalid setting (exit 2 in cmd), named with its source,
// and a bad MDTI_DEMO is refused before any config file is read.
func TestInvalidSwitchIsRefused(t *testing.T) {
	for _, tt := range []struct{ env, value, want string }{
		{"MDTI_DEBUG", "yes", `invalid debug "yes": want 1, t, true, 0, f or false (from env MDTI_DEBUG)`},
		{"MDTI_DEMO", "on", `invalid demo "on": want 1, t, true, 0, f or false (from env MDTI_DEMO)`},
		{"MDTI_DEMO", "2", `invalid demo "2"`},
	} {
		env := userConfig(t)
		env[tt.env] = tt.value
		_, err := Load(testSources(t, env))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%s: err = %v, want %q", tt.env, tt.value, err, tt.want)
		}
	}
}

func TestNoColor(t *testing.T) {
	for _, tt := range []struct {
		env  string
		args []string
		want bool
	}{
		{"", nil, false},
		{"1", nil, true},
		{"anything", nil, true}, // no-color.org: any non-empty value
		{"", []string{"--no-color"}, true},
		{"1", []string{"--no-color=false"}, false},
	} {
		c, err := Load(testSources(t, map[string]string{"MDTI_CONFIG_DIR": t.TempDir(), "NO_COLOR": tt.env}, tt.args...))
		if err != nil || c.NoColor != tt.want {
			t.Errorf("NO_COLOR=%q %v: no colour %v, err %v; want %v", tt.env, tt.args, c != nil && c.NoColor, err, tt.want)
		}
	}
}

// Colour is decided in one place: --color, then --no-color, NO_COLOR, CLICOLOR_FORCE and
// TERM=dumb, else auto (colour on a terminal).
func TestColorMode(t *testing.T) {
	for _, tt := range []struct {
		env           map[string]string
		args          []string
		never, always bool
		err           string
	}{
		{env: nil},
		{env: map[string]string{"TERM": "dumb"}, never: true},
		{env: map[string]string{"TERM": "xterm-256color"}},
		{env: map[string]string{"CLICOLOR_FORCE": "1", "TERM": "dumb"}, always: true},
		{env: map[string]string{"CLICOLOR_FORCE": "0"}},
		{env: map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, never: true},
		{args: []string{"--color", "always"}, env: map[string]string{"NO_COLOR": "1"}, always: true},
		{args: []string{"--color=never"}, env: map[string]string{"CLICOLOR_FORCE": "1"}, never: true},
		{args: []string{"--color", "AUTO"}, env: map[string]string{"TERM": "dumb"}},
		{args: []string{"--no-color"}, env: map[string]string{"CLICOLOR_FORCE": "1"}, never: true},
		{args: []string{"--color", "sometimes"}, err: `invalid --color "sometimes": want always, never or auto`},
	} {
		env := map[string]string{"MDTI_CONFIG_DIR": t.TempDir()}
		for k, v := range tt.env {
			env[k] = v
		}
		c, err := Load(testSources(t, env, tt.args...))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v %v: err %v, want %q", tt.env, tt.args, err, tt.err)
			}
			continue
		}
		if err != nil || c.NoColor != tt.never || c.ForceColor != tt.always {
			t.Errorf("%v %v: never %v always %v (err %v); want %v %v", tt.env, tt.args, c != nil && c.NoColor, c != nil && c.ForceColor, err, tt.never, tt.always)
		}
	}
}
