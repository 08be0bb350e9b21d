package auth

import (
	"github.com/mdti-cli/mdti/internal/filelock"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStaleTempFilesAreSwept leaves what a SIGKILL during a write leaves: temp files holding
// tokens. A write removes those nobody holds or that are over a minute old; logout removes all.
func TestStaleTempFilesAreSwept(t *testing.T) {
	dir := t.TempDir()
	files := cacheFiles{dir: dir, profile: "p"}
	writeTemp := func(name string, age time.Duration) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(`{"AccessToken":{"secret":"eyJ..."}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		if err := os.Chtimes(path, when, when); err != nil {
			t.Fatal(err)
		}
		return path
	}
	orphan := writeTemp("p.msal.bin.tmp-111", 0)
	old := writeTemp("p.msal.bin.tmp-222", 2*time.Minute)
	busy := writeTemp("p.msal.bin.tmp-333", 0)
	other := writeTemp("q.msal.bin.tmp-444", 0)
	holder, err := os.OpenFile(busy, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if ok, err := filelock.TryLock(holder); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	lockOld, err := os.OpenFile(old, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lockOld.Close()
	_, _ = filelock.TryLock(lockOld) // even held, a minute is far longer than any write

	if _, err := files.write([]byte("{}")); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{orphan: !filelock.CanLock, old: false, busy: true, other: true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(path), err == nil, want)
		}
	}
	if err := files.remove(); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "p.*"))
	if len(left) != 0 {
		t.Errorf("left after logout: %v", left)
	}
}
