package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

const (
	fileMode = 0o600
	dirMode  = 0o700
)

// FilePath is where the config file lives: MDTI_CONFIG, else config.yaml in MDTI_CONFIG_DIR,
// else in os.UserConfigDir()/mdti. The --config flag beats all of them.
func FilePath(src Sources) (string, error) {
	if p, ok := changedFlag(src.Flags, "config"); ok && p != "" {
		return p, nil
	}
	if p := env(src.Getenv, "MDTI_CONFIG"); p != "" {
		return p, nil
	}
	if d := env(src.Getenv, "MDTI_CONFIG_DIR"); d != "" {
		return filepath.Join(d, "config.yaml"), nil
	}
	userDir := src.UserConfigDir
	if userDir == nil {
		userDir = os.UserConfigDir
	}
	d, err := userDir()
	if err != nil {
		return "", fmt.Errorf("find the config directory (set MDTI_CONFIG_DIR): %w", err)
	}
	return filepath.Join(d, "mdti", "config.yaml"), nil
}

// file is the config file's content, read through viper.
type file struct {
	v    *viper.Viper
	path string
}

func readFile(path string) (*file, error) {
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	v.SetConfigPermissions(fileMode)
	err := v.ReadInConfig()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		var notFound viper.ConfigFileNotFoundError
		if !errors.As(err, &notFound) {
			return nil, fmt.Errorf("read config file %s: %w", path, err)
		}
	}
	return &file{v: v, path: path}, nil
}

func emptyFile(path string) *file {
	v := viper.New()
	v.SetConfigType("yaml")
	return &file{v: v, path: path}
}

func (f *file) get(key string) (string, bool) {
	if !f.v.IsSet(key) {
		return "", false
	}
	// A list (own_domains: [a.com, b.com]) reads as its comma-separated items.
	if items, ok := f.v.Get(key).([]any); ok {
		parts := make([]string, len(items))
		for i, item := range items {
			parts[i] = fmt.Sprint(item)
		}
		return strings.Join(parts, ","), true
	}
	return f.v.GetString(key), true
}

func (f *file) profiles() map[string]Profile {
	out := map[string]Profile{}
	raw := f.v.GetStringMap("profiles")
	for name := range raw {
		var p Profile
		if err := f.v.UnmarshalKey("profiles."+name, &p); err == nil {
			out[name] = p
		}
	}
	return out
}

// write saves the file atomically with mode 0600 in a 0700 directory.
func (f *file) write() error {
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("create config directory: %w", err)
	}
	tmp := filepath.Join(dir, ".config-"+randomSuffix()+".yaml")
	if err := f.v.WriteConfigAs(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write config file: %w", err)
	}
	if err := os.Chmod(tmp, fileMode); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write config file: %w", err)
	}
	if err := os.Rename(tmp, f.path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write config file: %w", err)
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Set validates and stores one key in the config file at path.
func Set(path, key, value string) error {
	k, err := LookupKey(key)
	if err != nil {
		return err
	}
	if err := k.Validate(value); err != nil {
		return err
	}
	f, err := readFile(path)
	if err != nil {
		return err
	}
	f.v.Set(key, value)
	return f.write()
}

// SaveProfile stores a sign-in profile (no secrets) in the config file at path.
func SaveProfile(path, name string, p Profile) error {
	if err := profileName(name); err != nil {
		return fmt.Errorf("invalid profile name %q: %w", name, err)
	}
	f, err := readFile(path)
	if err != nil {
		return err
	}
	f.v.Set("profiles."+name, map[string]any{
		"tenant": p.Tenant, "client_id": p.ClientID, "method": p.Method,
		"certificate_path": p.CertificatePath, "account": p.HomeAccountID, "username": p.Username,
	})
	return f.write()
}

// DeleteProfile removes a sign-in profile from the config file at path.
func DeleteProfile(path, name string) error {
	f, err := readFile(path)
	if err != nil {
		return err
	}
	profiles := f.v.GetStringMap("profiles")
	if _, ok := profiles[name]; !ok {
		return nil
	}
	delete(profiles, name)
	// viper cannot unset a key, so rebuild the file from what is left.
	rest := viper.New()
	rest.SetConfigPermissions(fileMode)
	for _, k := range f.v.AllKeys() {
		if !isUnder(k, "profiles") {
			rest.Set(k, f.v.Get(k))
		}
	}
	if len(profiles) > 0 {
		rest.Set("profiles", profiles)
	}
	f.v = rest
	return f.write()
}

func isUnder(key, prefix string) bool {
	return key == prefix || len(key) > len(prefix) && key[:len(prefix)+1] == prefix+"."
}
