package doctor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// tokenCache reports where tokens are kept, whether encrypted, the file modes and any temp
// files a killed write left behind (they hold tokens).
func (d *doctor) tokenCache(ctx context.Context) {
	const check = "token cache"
	if d.cred == nil {
		return
	}
	st, err := d.cred.Storage(ctx)
	if err != nil {
		d.add(check, statusFail, err.Error(), "set MDTI_TOKEN_CACHE=auto, or remove the cache with `mdti auth logout` and sign in again")
		return
	}
	if st.Path == "" {
		d.add(check, statusOK, st.String(), "")
		return
	}
	detail := st.String() + ", " + st.Path
	status, fix := statusOK, ""
	if st.Kind != "encrypted-file" {
		status, fix = statusWarn, "tokens are readable by anyone who can read the file: run where an OS keyring is available, or set MDTI_TOKEN_CACHE=none"
		if st.Reason == "MDTI_TOKEN_CACHE=file" {
			status, fix = statusOK, ""
		}
	}
	dir := filepath.Dir(st.Path)
	if di, err := os.Stat(dir); err == nil {
		detail += fmt.Sprintf(" (directory %04o", di.Mode().Perm())
		if fi, err := os.Stat(st.Path); err == nil {
			detail += fmt.Sprintf(", file %04o", fi.Mode().Perm())
			if fi.Mode().Perm()&0o077 != 0 {
				status, fix = statusFail, "chmod 600 "+st.Path
			}
		}
		detail += ")"
		if di.Mode().Perm()&0o077 != 0 && status != statusFail {
			status, fix = statusWarn, "chmod 700 "+dir
		}
	}
	stale, _ := filepath.Glob(filepath.Join(dir, "*.msal.bin.tmp-*"))
	if len(stale) > 0 && status != statusFail {
		detail += fmt.Sprintf("; %d stale temp file(s) left by an interrupted write, holding tokens", len(stale))
		status, fix = statusWarn, "remove them: rm "+filepath.Join(dir, "*.msal.bin.tmp-*")+" (the next write also removes them)"
	}
	d.add(check, status, detail, fix)
}
