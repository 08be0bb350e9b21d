package filelock

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// Goroutines holding the lock never overlap: each read-modify-write of a shared counter
// survives, as parallel config writes must.
func TestLockSerialisesReadModifyWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	var wg sync.WaitGroup
	counter := 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock, err := Lock(context.Background(), path)
			if err != nil {
				t.Error(err)
				return
			}
			v := counter
			counter = v + 1
			unlock()
		}()
	}
	wg.Wait()
	if counter != 20 {
		t.Fatalf("counter = %d, want 20", counter)
	}
}

func TestLockHonoursCancellation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	unlock, err := Lock(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lock(ctx, path); err == nil {
		t.Fatal("a cancelled wait took a held lock")
	}
}
