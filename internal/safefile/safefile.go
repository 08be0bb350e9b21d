// Package safefile reads files a user names (config, CA bundle, request body) without the
// hazards of special files: a FIFO would block the open forever, /dev/zero would fill the
// memory. Only regular files are read, and only up to a cap.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular marks a path that names a FIFO, device, socket or directory.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge marks a file over the cap.
var ErrTooLarge = errors.New("file too large")

// ReadRegular reads the regular file at path, at most max bytes. The type is checked before
// the open (a FIFO's open blocks) and again on the open file (the path may have changed).
func ReadRegular(path string, max int64) ([]byte, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	return readCapped(f, path, max)
}

// ReadCapped reads r to the end, refusing more than max bytes (stdin, a pipe).
func ReadCapped(r io.Reader, name string, max int64) ([]byte, error) {
	return readCapped(r, name, max)
}

func readCapped(r io.Reader, name string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (over %d bytes)", name, ErrTooLarge, max)
	}
	return data, nil
}
