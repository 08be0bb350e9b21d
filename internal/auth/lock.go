package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mdti-cli/mdti/internal/filelock"
)

// maxLockWait bounds how long we wait for another process's lock. The holder is at most one
// token request (MSAL's own 30 s timeout) away from releasing it; if it still holds it, we go
// on without the lock: writes are atomic renames, so the worst case is a lost cache update.
const maxLockWait = 45 * time.Second

// acquireLock takes the profile's lock file exclusively, polling so that ctx cancellation
// (Ctrl-C) is honoured; flock itself cannot be interrupted.
func acquireLock(ctx context.Context, path string) (func(), error) {
	release, err := filelock.LockWithin(ctx, path, maxLockWait)
	switch {
	case errors.Is(err, filelock.ErrTimeout):
		return func() {}, nil
	case err != nil:
		return nil, fmt.Errorf("token cache lock: %w", err)
	}
	return release, nil
}
