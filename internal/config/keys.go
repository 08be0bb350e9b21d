// Package config loads mdti's settings with one precedence everywhere: flag > environment
// (MDTI_*) > config file > default. It owns the only viper instance; commands see a typed,
// validated Config. Secrets never go into the file.
package config

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// Key is one setting that can come from a flag, the environment or the config file.
type Key struct {
	Name     string // config file key, as `mdti config set` takes it
	Flag     string // global flag name, "" when there is none
	Env      string // environment variable, "" when there is none
	Default  string
	Help     string
	validate func(string) error
}

// Keys lists every setting in the order `mdti config list` shows them. Its validators are
// named functions, not closures built by calls, so the table is static data: nothing is
// built when mdti starts.
var Keys = []Key{
	{Name: "output", Flag: "output", Env: "MDTI_OUTPUT", Default: "table",
		Help: "output format: table, json, jsonl, csv or yaml", validate: outputFormat},
	{Name: "api_version", Flag: "api-version", Env: "MDTI_API_VERSION", Default: "v1.0",
		Help: "Graph API version: v1.0 or beta", validate: apiVersion},
	{Name: "graph_endpoint", Flag: "endpoint", Env: "MDTI_GRAPH_ENDPOINT", Default: "https://graph.microsoft.com",
		Help: "Graph base URL", validate: httpURL},
	{Name: "authority_host", Flag: "authority-host", Env: "MDTI_AUTHORITY_HOST", Default: "https://login.microsoftonline.com",
		Help: "Entra ID sign-in host", validate: httpURL},
	{Name: "ca_cert", Flag: "ca-cert", Env: "MDTI_CA_CERT",
		Help: "extra PEM CA bundle trusted besides the system's"},
	{Name: "profile", Flag: "profile", Env: "MDTI_PROFILE", Default: "default",
		Help: "saved sign-in to use", validate: profileName},
	{Name: "concurrency", Flag: "concurrency", Env: "MDTI_CONCURRENCY", Default: "4",
		Help: "parallel requests for many inputs (1-64)", validate: concurrency},
	{Name: "timeout", Flag: "timeout", Env: "MDTI_TIMEOUT", Default: "30s",
		Help: "timeout of each HTTP request", validate: positiveDuration},
	{Name: "token_cache", Env: "MDTI_TOKEN_CACHE", Default: "auto",
		Help: "token cache: auto, keyring, file or none", validate: tokenCache},
	{Name: "own_domains", Env: "MDTI_OWN_DOMAINS",
		Help: "the tenant's own domains, comma-separated: never sent to threat intelligence", validate: domainList},
}

// LookupKey finds a setting by its config file name.
func LookupKey(name string) (Key, error) {
	for _, k := range Keys {
		if k.Name == name {
			return k, nil
		}
	}
	names := make([]string, len(Keys))
	for i, k := range Keys {
		names[i] = k.Name
	}
	return Key{}, fmt.Errorf("unknown config key %q (valid keys: %s)", name, strings.Join(names, ", "))
}

// Validate checks a value for this key.
func (k Key) Validate(v string) error {
	if k.validate == nil {
		return nil
	}
	if err := k.validate(v); err != nil {
		return fmt.Errorf("invalid %s %q: %w", k.Name, v, err)
	}
	return nil
}

func outputFormat(v string) error { return oneOf(v, "table", "json", "jsonl", "csv", "yaml") }
func apiVersion(v string) error   { return oneOf(v, "v1.0", "beta") }
func tokenCache(v string) error   { return oneOf(v, "auto", "keyring", "file", "none") }
func concurrency(v string) error  { return intRange(v, 1, 64) }

func oneOf(v string, valid ...string) error {
	if slices.Contains(valid, v) {
		return nil
	}
	return fmt.Errorf("want one of %s", strings.Join(valid, ", "))
}

func httpURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("want an http(s) URL such as https://graph.microsoft.com")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("want a base URL without user, query or fragment")
	}
	return nil
}

func intRange(v string, lo, hi int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("want a whole number from %d to %d", lo, hi)
	}
	return nil
}

func positiveDuration(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return fmt.Errorf("want a positive duration such as 30s or 2m")
	}
	return nil
}

// domainList checks a comma-separated list of domain names, as the send policy reads them.
func domainList(v string) error {
	_, err := indicator.NewSendPolicy(SplitList(v))
	return err
}

// SplitList splits a comma-separated value, dropping blanks around and between items.
func SplitList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func profileName(v string) error {
	if v == "" || len(v) > 64 {
		return fmt.Errorf("want 1 to 64 characters")
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("want lower-case letters, digits, '-' and '_'")
		}
	}
	return nil
}
