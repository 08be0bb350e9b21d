// Package filelock takes an exclusive lock on a file across processes (flock, LockFileEx),
// for read-modify-write cycles such as the config file's: two `mdti config set` or `auth
// login` runs at once must not lose each other's update.
package filelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// maxWait bounds Lock's wait for another process's lock; a config write takes milliseconds.
const maxWait = 30 * time.Second

// ErrTimeout says another process held the lock for longer than the wait allowed.
var ErrTimeout = errors.New("another mdti held the lock too long")

// inProcess serialises goroutines of this process per path before the OS lock.
var inProcess sync.Map // path → chan struct{}

// Lock takes the lock file at path (created 0600), polling so that ctx is honoured. The
// returned function releases it.
func Lock(ctx context.Context, path string) (func(), error) {
	return LockWithin(ctx, path, maxWait)
}

// LockWithin is Lock waiting at most wait for another process; past it, ErrTimeout.
func LockWithin(ctx context.Context, path string, wait time.Duration) (func(), error) {
	semAny, _ := inProcess.LoadOrStore(path, make(chan struct{}, 1))
	sem := semAny.(chan struct{})
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for lock %s: %w", path, ctx.Err())
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		<-sem
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	release := func() {
		_ = Unlock(f)
		f.Close()
		<-sem
	}
	deadline := time.Now().Add(wait)
	pause := 2 * time.Millisecond
	for {
		ok, err := TryLock(f)
		switch {
		case err != nil:
			f.Close()
			<-sem
			return nil, fmt.Errorf("lock %s: %w", path, err)
		case ok:
			return release, nil
		case time.Now().After(deadline):
			f.Close()
			<-sem
			return nil, fmt.Errorf("lock %s: held for over %s: %w", path, wait, ErrTimeout)
		}
		select {
		case <-ctx.Done():
			f.Close()
			<-sem
			return nil, fmt.Errorf("wait for lock %s: %w", path, ctx.Err())
		case <-time.After(pause):
		}
		pause = min(pause*2, 100*time.Millisecond)
	}
}
