package auth

import (
	"context"
	"strings"
)

// StorageKind says how a credential's tokens are kept between runs.
type StorageKind string

// Storage kinds.
const (
	StorageNotCached     StorageKind = "not-cached"     // MDTI_TOKEN: used as is, never stored
	StorageMemory        StorageKind = "memory"         // MDTI_TOKEN_CACHE=none, managed identity
	StoragePlainFile     StorageKind = "plain-file"     // MDTI_TOKEN_CACHE=file, or auto without a keyring
	StorageEncryptedFile StorageKind = "encrypted-file" // AES-256-GCM file, key in the OS keyring
)

// Storage is where a credential's tokens are kept, as found when it was asked for.
type Storage struct {
	Kind   StorageKind
	Path   string // the cache file, for the file kinds
	Reason string // why the file is plain: "MDTI_TOKEN_CACHE=file", "no OS keyring: ..."
}

// String is the short description `auth status` shows.
func (s Storage) String() string {
	switch s.Kind {
	case StorageNotCached:
		return "not cached"
	case StorageMemory:
		return "memory only"
	case StorageEncryptedFile:
		return "encrypted file, key in OS keyring"
	}
	switch {
	case s.Reason == "" || strings.HasPrefix(s.Reason, "MDTI_TOKEN_CACHE=file"):
		return "plain file"
	case strings.HasPrefix(s.Reason, "no OS keyring"):
		return "plain file (no OS keyring)"
	}
	return "plain file (encrypted on the next write)"
}

// Storage finds out how the tokens are kept: it asks the keyring (3 s at most) and reads the
// cache file's header, so the answer is true before or after Token. With
// MDTI_TOKEN_CACHE=keyring it fails when the keyring is unavailable or the file is plain.
func (c *Credential) Storage(ctx context.Context) (Storage, error) {
	switch {
	case c.Method == MethodToken:
		return Storage{Kind: StorageNotCached}, nil
	case c.cache == nil:
		return Storage{Kind: StorageMemory}, nil
	}
	if err := ctx.Err(); err != nil {
		return Storage{}, err
	}
	return c.cache.describe()
}
