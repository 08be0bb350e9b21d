// Package spool keeps a long sequence of string pairs in a private temporary file, to be
// read back once, in order: a million validated inputs wait on disk, not in memory, for
// the lookup engine to read them through its window.
package spool

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// File is a spool being written, then read. It is not safe for concurrent use.
type File struct {
	f    *os.File
	name string // the file's path while it still exists; "" once it was removed
	w    *bufio.Writer
	r    *bufio.Reader
	n    int // pairs written
	buf  []byte
}

// New creates a spool file in dir (os.TempDir() when ""), readable by its owner only
// (os.CreateTemp makes it 0600). Where the system lets an open file be removed (Unix),
// the name is removed at once: nothing is left behind even if the process is killed.
// Elsewhere Close removes it; callers must Close on every path.
func New(dir, pattern string) (*File, error) {
	return create(dir, pattern, true)
}

// create is New; unlink false keeps the name until Close, as where an open file cannot be
// removed, so that tests see that path on any system.
func create(dir, pattern string, unlink bool) (*File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("create spool file (the temporary directory, TMPDIR, must be writable): %w", err)
	}
	s := &File{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 64*1024)}
	if unlink && os.Remove(s.name) == nil {
		s.name = ""
	}
	return s, nil
}

// Name is the file's path while it exists on disk, "" once it was removed (at New on
// Unix).
func (s *File) Name() string { return s.name }

// Len counts the pairs written.
func (s *File) Len() int { return s.n }

// Write appends one pair. b is stored as "same as a" when equal, so a HOST given as its
// key costs its bytes once.
func (s *File) Write(a, b string) error {
	if s.r != nil {
		return errors.New("spool: write after read")
	}
	s.buf = binary.AppendUvarint(s.buf[:0], uint64(len(a)))
	s.buf = append(s.buf, a...)
	if a == b {
		s.buf = binary.AppendUvarint(s.buf, 0)
	} else {
		s.buf = binary.AppendUvarint(s.buf, uint64(len(b))+1)
		s.buf = append(s.buf, b...)
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("write spool file: %w", err)
	}
	s.n++
	return nil
}

// Read ends the writing: the pairs are read back from the first, once.
func (s *File) Read() error {
	if s.r != nil {
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write spool file: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind spool file: %w", err)
	}
	s.w = nil
	s.r = bufio.NewReaderSize(s.f, 64*1024)
	return nil
}

// Next returns the next pair; io.EOF after the last.
func (s *File) Next() (a, b string, err error) {
	if s.r == nil {
		return "", "", errors.New("spool: next before read")
	}
	n, err := binary.ReadUvarint(s.r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return "", "", io.EOF // the end of the pairs
		}
		return "", "", unexpected(err)
	}
	if a, err = s.str(n); err != nil {
		return "", "", err
	}
	if n, err = binary.ReadUvarint(s.r); err != nil {
		return "", "", unexpected(err)
	}
	if n == 0 {
		return a, a, nil
	}
	b, err = s.str(n - 1)
	return a, b, err
}

// str reads a string of n bytes.
func (s *File) str(n uint64) (string, error) {
	if n > 1<<20 {
		return "", errors.New("read spool file: corrupt length")
	}
	if uint64(cap(s.buf)) < n {
		s.buf = make([]byte, n)
	}
	if _, err := io.ReadFull(s.r, s.buf[:n]); err != nil {
		return "", unexpected(err)
	}
	return string(s.buf[:n]), nil
}

func unexpected(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("read spool file: truncated")
	}
	return fmt.Errorf("read spool file: %w", err)
}

// Close closes the file and removes it if it is still there. It may be called again.
func (s *File) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	if s.name != "" {
		if rerr := os.Remove(s.name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
			err = rerr
		}
		s.name = ""
	}
	return err
}
