//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package filelock

import "os"

// TryLock: platforms without flock or LockFileEx rely on the in-process lock and atomic
// renames alone.
func TryLock(*os.File) (bool, error) { return true, nil }

// Unlock releases what TryLock took.
func Unlock(*os.File) error { return nil }

// CanLock says whether TryLock really locks: where it cannot, a file nobody holds locked
// may still be in use.
const CanLock = false
