package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Config is the resolved settings of one run.
type Config struct {
	Output        string
	APIVersion    string
	GraphEndpoint string
	AuthorityHost string
	CACert        string
	Profile       string
	Concurrency   int
	Timeout       time.Duration
	TokenCache    string
	// OwnDomains are the tenant's domains (own_domains): hosts under them are never sent
	// to threat intelligence (docs/reference.md §9).
	OwnDomains []string
	Debug      bool
	NoColor    bool // no colour, even on a terminal
	ForceColor bool // colour even when stdout is not a terminal
	Demo       bool

	// Path is the config file these settings were read from (it may not exist yet).
	Path string
	// Profiles are the saved sign-ins, by name.
	Profiles map[string]Profile
	// Origins says where each key's value came from: flag, env, file or default.
	Origins map[string]string
	// Warnings are about the config file (loose permissions, unknown keys), for stderr.
	Warnings []string
}

// Profile is one saved sign-in. It never holds a secret: those live in the keyring.
type Profile struct {
	Tenant          string `mapstructure:"tenant" yaml:"tenant"`
	ClientID        string `mapstructure:"client_id" yaml:"client_id"`
	Method          string `mapstructure:"method" yaml:"method"`
	CertificatePath string `mapstructure:"certificate_path" yaml:"certificate_path,omitempty"`
	HomeAccountID   string `mapstructure:"account" yaml:"account,omitempty"`
	Username        string `mapstructure:"username" yaml:"username,omitempty"`
}

// Sources are where settings come from; tests pass their own.
type Sources struct {
	Getenv func(string) string
	// Flags are the parsed global flags; only flags the user set override the rest.
	Flags *pflag.FlagSet
	// UserConfigDir is os.UserConfigDir, injectable for tests.
	UserConfigDir func() (string, error)
}

// Load resolves every key by precedence and validates the result. It decides the on/off
// switches (demo, debug, colour) first and alone: everything else reads the decision from
// Config, so no second parser can disagree with this one. A demo run reads no config file.
func Load(src Sources) (*Config, error) {
	sw, err := loadSwitches(src)
	if err != nil {
		return nil, err
	}
	path, err := FilePath(src)
	if err != nil {
		return nil, err
	}
	f := emptyFile(path)
	if !sw.Demo {
		if f, err = readFile(path); err != nil {
			return nil, err
		}
	}
	values, origins, err := resolve(src, f)
	if err != nil {
		return nil, err
	}
	c := &Config{Path: path, Origins: origins, Profiles: f.profiles()}
	if !sw.Demo {
		c.Warnings = f.warnings()
	}
	c.fill(values)
	c.Debug, c.NoColor, c.ForceColor, c.Demo = sw.Debug, sw.NoColor, sw.ForceColor, sw.Demo
	return c, nil
}

// resolve picks each key's value: flag > env > file > default.
func resolve(src Sources, f *file) (map[string]string, map[string]string, error) {
	values := map[string]string{}
	origins := map[string]string{}
	for _, k := range Keys {
		v, origin := k.Default, "default"
		if fv, ok := f.get(k.Name); ok {
			v, origin = fv, "file"
		}
		if ev := env(src.Getenv, k.Env); ev != "" {
			v, origin = ev, "env "+k.Env
		} else if az := env(src.Getenv, azureEnv(k.Name)); az != "" {
			v, origin = az, "env "+azureEnv(k.Name)
		}
		if fl, ok := changedFlag(src.Flags, k.Flag); ok {
			v, origin = fl, "flag --"+k.Flag
		}
		if v != "" {
			if err := k.Validate(v); err != nil {
				return nil, nil, fmt.Errorf("%w (from %s)", err, origin)
			}
		}
		values[k.Name], origins[k.Name] = v, origin
	}
	return values, origins, nil
}

// azureEnv names the Azure SDK variable a key falls back to when mdti's own is unset:
// AKS workload identity sets AZURE_AUTHORITY_HOST, as azidentity reads it.
func azureEnv(key string) string {
	if key == "authority_host" {
		return "AZURE_AUTHORITY_HOST"
	}
	return ""
}

func (c *Config) fill(values map[string]string) {
	c.Output = values["output"]
	c.APIVersion = values["api_version"]
	c.GraphEndpoint = strings.TrimRight(values["graph_endpoint"], "/")
	c.AuthorityHost = strings.TrimRight(values["authority_host"], "/")
	c.CACert = values["ca_cert"]
	c.Profile = values["profile"]
	c.TokenCache = values["token_cache"]
	c.OwnDomains = SplitList(values["own_domains"])
	c.Concurrency, _ = strconv.Atoi(values["concurrency"])
	c.Timeout, _ = time.ParseDuration(values["timeout"])
	c.Timeout = min(c.Timeout, MaxTimeout)
}

// MaxTimeout caps --timeout: longer than any request should take, and far enough from
// time.Duration's limit that timeout × attempts cannot overflow.
const MaxTimeout = 24 * time.Hour

// Value returns a key's resolved value as text, for `mdti config get`.
func (c *Config) Value(key string) (string, error) {
	if _, err := LookupKey(key); err != nil {
		return "", err
	}
	switch key {
	case "output":
		return c.Output, nil
	case "api_version":
		return c.APIVersion, nil
	case "graph_endpoint":
		return c.GraphEndpoint, nil
	case "authority_host":
		return c.AuthorityHost, nil
	case "ca_cert":
		return c.CACert, nil
	case "profile":
		return c.Profile, nil
	case "concurrency":
		return strconv.Itoa(c.Concurrency), nil
	case "timeout":
		return c.Timeout.String(), nil
	case "own_domains":
		return strings.Join(c.OwnDomains, ","), nil
	default:
		return c.TokenCache, nil
	}
}

func env(getenv func(string) string, name string) string {
	if name == "" || getenv == nil {
		return ""
	}
	return strings.TrimSpace(getenv(name))
}

func changedFlag(fs *pflag.FlagSet, name string) (string, bool) {
	if fs == nil || name == "" {
		return "", false
	}
	fl := fs.Lookup(name)
	if fl == nil || !fl.Changed {
		return "", false
	}
	return fl.Value.String(), true
}
