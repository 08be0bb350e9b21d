package auth

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"
)

// maxLockWait bounds how long we wait for another process's lock. The holder is at most one
// token request (MSAL's own 30 s timeout) away from releasing it; if it still holds it, we go
// on without the lock: writes are atomic renames, so the worst case is a lost cache update.
const maxLockWait = 45 * time.Second

// processLocks serialises goroutines of this process per lock file before they take the OS
// lock, which is what keeps other processes out.
var processLocks sync.Map // path → chan struct{}

func processSem(path string) chan struct{} {
	ch, _ := processLocks.LoadOrStore(path, make(chan struct{}, 1))
	return ch.(chan struct{})
}

// acquireLock takes the profile's lock file exclusively, polling so that ctx cancellation
// (Ctrl-C) is honoured; flock itself cannot be interrupted.
func acquireLock(ctx context.Context, path string) (func(), error) {
	sem := processSem(path)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for token cache lock: %w", ctx.Err())
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		<-sem
		return nil, fmt.Errorf("open token cache lock: %w", err)
	}
	locked, err := pollLock(ctx, f)
	if err != nil {
		f.Close()
		<-sem
		return nil, err
	}
	return func() {
		if locked {
			_ = unlockFile(f)
		}
		f.Close()
		<-sem
	}, nil
}

// pollLock retries a non-blocking lock with a growing pause; false means "gave up waiting".
func pollLock(ctx context.Context, f *os.File) (bool, error) {
	deadline := time.Now().Add(maxLockWait)
	pause := 5 * time.Millisecond
	for {
		ok, err := tryLockFile(f)
		if err != nil {
			return false, fmt.Errorf("lock token cache: %w", err)
		}
		if ok {
			return true, nil
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, fmt.Errorf("wait for token cache lock: %w", ctx.Err())
		case <-time.After(pause):
		}
		pause = min(pause*2, 200*time.Millisecond)
	}
}
