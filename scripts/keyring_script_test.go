// Package scripts_test checks the shell scripts `make test` runs.
package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeBin is a PATH with sh and mktemp, an `id` that answers uid, and an apt-get that
// prints noise and exits aptExit (none when aptExit < 0). gnome-keyring is never there.
func fakeBin(t *testing.T, uid string, aptExit int) string {
	t.Helper()
	dir := t.TempDir()
	for _, tool := range []string{"sh", "mktemp", "cat", "rm"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("no %s: %v", tool, err)
		}
		if err := os.Symlink(p, filepath.Join(dir, tool)); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("id", "echo "+uid)
	if aptExit >= 0 {
		write("apt-get", "echo APT-NOISE; exit "+strconv.Itoa(aptExit))
	}
	return dir
}

func runScript(t *testing.T, path string, env ...string) (int, string, string) {
	t.Helper()
	c := exec.Command(filepath.Join(path, "sh"), "with-keyring.sh", "echo RAN")
	c.Env = append([]string{"PATH=" + path, "TMPDIR=" + t.TempDir()}, env...)
	var out, errOut strings.Builder
	c.Stdout, c.Stderr = &out, &errOut
	err := c.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// On a developer's machine that cannot install the keyring, the keyring tests are skipped
// with a message, not failed; under CI they must run, so that is a failure.
func TestKeyringScriptSkipsWhereItCannotInstall(t *testing.T) {
	code, out, errOut := runScript(t, fakeBin(t, "1000", -1))
	if code != 0 || out != "" || !strings.Contains(errOut, "skipping the keyring tests: they need gnome-keyring-daemon") {
		t.Errorf("not root: exit %d, stdout %q, stderr %q; want a skip", code, out, errOut)
	}
	code, _, errOut = runScript(t, fakeBin(t, "1000", -1), "CI=true")
	if code != 1 || !strings.Contains(errOut, "under CI the keyring tests must run") {
		t.Errorf("not root under CI: exit %d, stderr %q; want a failure", code, errOut)
	}
}

// As root, the script says what it installs and why first, and apt's output goes to the
// log file, not to the test output; a failed install is a skip, or a failure under CI.
func TestKeyringScriptSaysWhatItInstalls(t *testing.T) {
	log := filepath.Join(t.TempDir(), "apt.log")
	code, out, errOut := runScript(t, fakeBin(t, "0", 1), "KEYRING_APT_LOG="+log)
	if code != 0 || out != "" || strings.Contains(errOut, "APT-NOISE") {
		t.Errorf("exit %d, stdout %q, stderr %q; want a skip without apt's output", code, out, errOut)
	}
	if !strings.HasPrefix(errOut, "with-keyring.sh: installing gnome-keyring and dbus with apt-get: the keyring tests need a real Secret Service (apt's output: "+log+")\n") ||
		!strings.Contains(errOut, "skipping the keyring tests: apt-get could not install") {
		t.Errorf("stderr %q", errOut)
	}
	if b, err := os.ReadFile(log); err != nil || !strings.Contains(string(b), "APT-NOISE") {
		t.Errorf("apt log %q, %v", b, err)
	}
	code, _, _ = runScript(t, fakeBin(t, "0", 1), "KEYRING_APT_LOG="+log, "CI=true")
	if code != 1 {
		t.Errorf("failed install under CI: exit %d, want 1", code)
	}
}
