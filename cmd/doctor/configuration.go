package doctor

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// configuration reports which credential wins and why, and the config file's state.
func (d *doctor) configuration() {
	d.credentialSource()
	d.configFile()
}

// credentialSource names the winner of docs/reference.md §6's order and what it shadows.
func (d *doctor) credentialSource() {
	const check = "credential"
	if d.cfg.Demo {
		cred, err := d.opts.Credential()
		if err != nil {
			d.add(check, statusFail, err.Error(), "report this: the demo needs no sign-in")
			return
		}
		d.cred = cred
		d.add(check, statusOK, "the built-in emulator's demo app (--demo): no credential of yours is read", "")
		return
	}
	present := d.presentSources()
	cred, err := d.opts.Credential()
	if err != nil {
		d.add(check, statusFail, err.Error(),
			"run `mdti auth login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate or federated token file), or set MDTI_TOKEN")
		return
	}
	d.cred = cred
	detail := fmt.Sprintf("%s from %s", cred.Method, cred.Source)
	if cred.Tenant != "" {
		detail += ", tenant " + cred.Tenant
	}
	if cred.ClientID != "" {
		detail += ", client " + cred.ClientID
	}
	var shadowed []string
	for _, p := range present {
		if !strings.Contains(cred.Source, p.marker) {
			shadowed = append(shadowed, p.name)
		}
	}
	if len(shadowed) == 0 {
		d.add(check, statusOK, detail, "")
		return
	}
	d.add(check, statusWarn, detail+"; it wins over "+strings.Join(shadowed, ", ")+" (order: MDTI_TOKEN, MDTI_MANAGED_IDENTITY, AZURE_* variables, saved profile)",
		"unset what you do not mean to use, so the credential in use is the one you expect")
}

type source struct{ name, marker string }

// presentSources lists every credential source that is configured, in §6's order.
func (d *doctor) presentSources() []source {
	env := func(k string) bool { return strings.TrimSpace(d.opts.Getenv(k)) != "" }
	var out []source
	if env("MDTI_TOKEN") {
		out = append(out, source{"MDTI_TOKEN", "MDTI_TOKEN"})
	}
	if v := strings.ToLower(strings.TrimSpace(d.opts.Getenv("MDTI_MANAGED_IDENTITY"))); v == "1" || v == "true" {
		out = append(out, source{"MDTI_MANAGED_IDENTITY", "MDTI_MANAGED_IDENTITY"})
	}
	if env("AZURE_TENANT_ID") && env("AZURE_CLIENT_ID") {
		for _, k := range []string{"AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE"} {
			if env(k) {
				out = append(out, source{k, k})
				break
			}
		}
	}
	if _, ok := d.cfg.Profiles[d.cfg.Profile]; ok {
		out = append(out, source{"profile " + d.cfg.Profile, "profile " + d.cfg.Profile})
	}
	return out
}

// configFile reports the config file's path and refuses to stay quiet about loose modes:
// the file decides where tokens are sent.
func (d *doctor) configFile() {
	const check = "config file"
	if d.cfg.Demo {
		d.add(check, statusOK, "not read (--demo)", "")
		return
	}
	path := d.cfg.Path
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.add(check, statusOK, path+" (none yet: defaults and environment only)", "")
		return
	case err != nil:
		d.add(check, statusFail, err.Error(), "make the config file readable, or point MDTI_CONFIG elsewhere")
		return
	case !fi.Mode().IsRegular():
		d.add(check, statusFail, path+" is not a regular file", "replace it with a YAML file, or point MDTI_CONFIG elsewhere")
		return
	}
	detail := fmt.Sprintf("%s (mode %04o)", path, fi.Mode().Perm())
	if fi.Mode().Perm()&0o022 != 0 {
		d.add(check, statusWarn, detail+": other users can change it, and with it where tokens are sent", "chmod 600 "+path)
		return
	}
	if di, err := os.Stat(filepath.Dir(path)); err == nil && di.Mode().Perm()&0o002 != 0 {
		d.add(check, statusWarn, detail+": its directory is world-writable, so anyone can replace it", "chmod 700 "+filepath.Dir(path))
		return
	}
	d.add(check, statusOK, detail, "")
}
