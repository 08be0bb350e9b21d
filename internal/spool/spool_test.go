package spool

import (
	"errors"
	"io"
	"os"
	"runtime"
	"testing"
)

// Pairs come back as written, in order, then io.EOF; the second string of a pair equal to
// its first is stored once, and empty strings survive.
func TestPairsComeBackInOrder(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir, "spool-*")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pairs := [][2]string{{"a.test", "a.test"}, {"hxxps://b[.]test/x", "b.test"}, {"", ""}, {"é.test", ""}, {"", "k"}}
	for _, p := range pairs {
		if err := s.Write(p[0], p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if s.Len() != len(pairs) {
		t.Errorf("Len = %d, want %d", s.Len(), len(pairs))
	}
	if err := s.Read(); err != nil {
		t.Fatal(err)
	}
	for i, want := range pairs {
		a, b, err := s.Next()
		if err != nil || a != want[0] || b != want[1] {
			t.Fatalf("pair %d = %q, %q, %v; want %q", i, a, b, err, want)
		}
	}
	if _, _, err := s.Next(); err != io.EOF {
		t.Errorf("after the last pair: %v, want io.EOF", err)
	}
	if err := s.Write("late", "late"); err == nil {
		t.Error("Write after Read succeeded")
	}
}

// The file is private, and gone from its directory once closed: at once where the system
// lets an open file be removed, else at Close (forced here, to run that path anywhere).
// Close may be called again.
func TestFileIsPrivateAndRemoved(t *testing.T) {
	for _, unlink := range []bool{true, false} {
		dir := t.TempDir()
		s, err := create(dir, "spool-*", unlink)
		if err != nil {
			t.Fatal(err)
		}
		if !unlink {
			fi, err := os.Stat(s.Name())
			if err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("spool file %v, %v; want mode 0600", fi, err)
			}
		}
		if err := s.Write("a", "b"); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("unlink %v: left behind: %v", unlink, left)
		}
	}
}

// A file cut short reads as truncated, not as a shorter list.
func TestTruncatedFileIsAnError(t *testing.T) {
	s, err := New(t.TempDir(), "spool-*")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write("abcdef", "xyz"); err != nil {
		t.Fatal(err)
	}
	if err := s.Read(); err != nil {
		t.Fatal(err)
	}
	if err := s.f.Truncate(4); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("Next on a truncated file = %v, want an error other than io.EOF", err)
	}
}

func TestNoDirectoryIsAnError(t *testing.T) {
	if _, err := New(t.TempDir()+"/missing", "spool-*"); err == nil {
		t.Error("New in a missing directory succeeded")
	}
}
