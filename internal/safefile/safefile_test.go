package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadsARegularFileUpToTheCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("12345"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadRegular(path, 5); err != nil || string(got) != "12345" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := ReadRegular(path, 4); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the cap: %v, want ErrTooLarge", err)
	}
}

func TestReadCappedStopsAnEndlessStream(t *testing.T) {
	_, err := ReadCapped(endless{}, "stdin", 1<<20)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "stdin") {
		t.Fatalf("got %v", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }
