package config

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/spf13/viper"

	"github.com/mdti-cli/mdti/internal/filelock"
	"github.com/mdti-cli/mdti/internal/safefile"
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

// file is the config file's content, read through viper. A missing file (the usual case
// for one-shot runs) has no viper instance until something is written: reading it costs
// nothing.
type file struct {
	v    *viper.Viper // nil while the file is absent and nothing was set
	path string
}

// writable is f's viper instance, made on first use, to set keys in and write.
func (f *file) writable() *viper.Viper {
	if f.v == nil {
		f.v = newViper(f.path)
	}
	return f.v
}

func newViper(path string) *viper.Viper {
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	v.SetConfigPermissions(fileMode)
	return v
}

// maxFileSize bounds the config file: a few keys and profiles fit in a few KB.
const maxFileSize = 1 << 20

// readFile reads the config file at path; a missing file is an empty one. Only a regular
// file is read (a FIFO would block forever), and only up to maxFileSize.
func readFile(path string) (*file, error) {
	data, err := safefile.ReadRegular(path, maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return emptyFile(path), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read config file %s: %w", path, err)
	}
	v := newViper(path)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("read config file %s: %w", path, err)
	}
	return &file{v: v, path: path}, nil
}

// warnings are what the file's owner should hear about: a file or directory others can
// write (the file decides where tokens are sent) and keys mdti does not know (a typo
// silently does nothing).
func (f *file) warnings() []string {
	var out []string
	if runtime.GOOS != "windows" {
		if info, err := os.Stat(f.path); err == nil && info.Mode().Perm()&0o022 != 0 {
			out = append(out, fmt.Sprintf("config file %s is writable by other users (mode %04o), and it decides where tokens are sent: run `chmod 600 %s`",
				f.path, info.Mode().Perm(), f.path))
		}
		dir := filepath.Dir(f.path)
		if info, err := os.Stat(dir); err == nil && info.Mode().Perm()&0o002 != 0 && info.Mode()&os.ModeSticky == 0 {
			out = append(out, fmt.Sprintf("config directory %s is world-writable (mode %04o), so anyone can replace the config file: run `chmod 700 %s`",
				dir, info.Mode().Perm(), dir))
		}
	}
	var unknown []string
	if f.v == nil {
		return out
	}
	for k := range f.v.AllSettings() {
		if _, err := LookupKey(k); err != nil && k != "profiles" {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		out = append(out, fmt.Sprintf("config file %s: unknown key %q is ignored (`mdti config list` shows the keys)", f.path, k))
	}
	return out
}

// update runs a read-modify-write of the config file at path under its lock file, so
// parallel `config set` and `auth login` runs do not lose each other's changes.
func update(path string, change func(*file) error) error {
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return fmt.Errorf("create config directory: %w", err)
	}
	unlock, err := filelock.Lock(context.Background(), path+".lock")
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	defer unlock()
	f, err := readFile(path)
	if err != nil {
		return err
	}
	if err := change(f); err != nil {
		return err
	}
	return f.write()
}

func emptyFile(path string) *file {
	return &file{path: path}
}

func (f *file) get(key string) (string, bool) {
	if f.v == nil || !f.v.IsSet(key) {
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
	if f.v == nil {
		return out
	}
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
	if err := f.writable().WriteConfigAs(tmp); err != nil {
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
	return update(path, func(f *file) error {
		f.writable().Set(key, value)
		return nil
	})
}

// SaveProfile stores a sign-in profile (no secrets) in the config file at path.
func SaveProfile(path, name string, p Profile) error {
	if err := profileName(name); err != nil {
		return fmt.Errorf("invalid profile name %q: %w", name, err)
	}
	return update(path, func(f *file) error {
		f.writable().Set("profiles."+name, map[string]any{
			"tenant": p.Tenant, "client_id": p.ClientID, "method": p.Method,
			"certificate_path": p.CertificatePath, "account": p.HomeAccountID, "username": p.Username,
		})
		return nil
	})
}

// DeleteProfile removes a sign-in profile from the config file at path.
func DeleteProfile(path, name string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return update(path, func(f *file) error { return deleteProfile(f, name) })
}

func deleteProfile(f *file, name string) error {
	profiles := f.writable().GetStringMap("profiles")
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
	return nil
}

func isUnder(key, prefix string) bool {
	return key == prefix || len(key) > len(prefix) && key[:len(prefix)+1] == prefix+"."
}
