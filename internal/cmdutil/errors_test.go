package cmdutil

import (
	"errors"
	"io/fs"
	"testing"
)

// FlagErrorf keeps a %w cause for errors.Is and errors.As, and stays a usage error.
func TestFlagErrorfWrapsItsCause(t *testing.T) {
	err := FlagErrorf("read input file: %w", &fs.PathError{Op: "open", Path: "hosts.txt", Err: fs.ErrNotExist})
	if !errors.Is(err, fs.ErrNotExist) || ExitCode(err) != ExitUsage {
		t.Errorf("err %v: cause lost or exit %d", err, ExitCode(err))
	}
	if want := "read input file: open hosts.txt: file does not exist"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}
