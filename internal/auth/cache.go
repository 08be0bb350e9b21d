package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
)

// keyState is what we know about the profile's cache key in the keyring.
type keyState int

const (
	keyUnknown keyState = iota
	keyPresent
	keyMissing
	keyUnavailable
)

// tokenCache is MSAL's cache.ExportReplace backed by <dir>/<profile>.msal.bin: AES-256-GCM
// encrypted with a key kept in the keyring (the MSAL blob itself, 7-8 KB per user, does not fit
// Windows or macOS keyring items), or plain JSON in file mode and as the auto-mode fallback.
type tokenCache struct {
	files  cacheFiles
	mode   string // auto, keyring or file
	store  SecretStore
	stderr io.Writer

	mu        sync.Mutex
	state     keyState
	key       []byte
	keyErr    error       // why the keyring is unavailable
	last      fs.FileInfo // the file as we last loaded or wrote it
	filePlain bool        // the file on disk is plain JSON
	warned    bool

	// deferred keeps MSAL's cache in memory (pending) until commit: a sign-in writes nothing
	// to disk before it has succeeded.
	deferred bool
	pending  []byte
}

func newTokenCache(s Settings, profile string) *tokenCache {
	return &tokenCache{files: cacheFiles{dir: s.CacheDir, profile: profile}, mode: s.CacheMode, store: s.Store, stderr: s.Stderr}
}

// heldLock marks a context whose caller already holds the lock file at that path, so the
// accessor does not try to take it a second time (flock would deadlock against itself).
type heldLock string

// hold takes the profile's lock for a whole token acquisition: a process that waited for it
// then finds the token another process just fetched, so parallel runs sign in once.
func (c *tokenCache) hold(ctx context.Context) (context.Context, func(), error) {
	if c.isDeferred() {
		return ctx, func() {}, nil
	}
	if err := c.files.ensureDir(); err != nil {
		return ctx, nil, err
	}
	release, err := acquireLock(ctx, c.files.lock())
	if err != nil {
		return ctx, nil, err
	}
	return context.WithValue(ctx, heldLock(c.files.lock()), true), release, nil
}

// locked runs fn under the lock file unless ctx says the caller holds it already.
func (c *tokenCache) locked(ctx context.Context, fn func() error) error {
	if ctx.Value(heldLock(c.files.lock())) == nil {
		_, release, err := c.hold(ctx)
		if err != nil {
			return err
		}
		defer release()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return fn()
}

// Replace loads the file into MSAL's in-memory cache. MSAL calls it before every cache read.
func (c *tokenCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	if c.isDeferred() {
		return nil // MSAL's in-memory cache is all there is
	}
	return c.locked(ctx, func() error { return c.load(u) })
}

// Export writes MSAL's cache to the file. MSAL calls it after every token it fetches.
func (c *tokenCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	if c.isDeferred() {
		blob, err := m.Marshal()
		if err != nil {
			return fmt.Errorf("serialise token cache: %w", err)
		}
		c.mu.Lock()
		c.pending = blob
		c.mu.Unlock()
		return nil
	}
	return c.locked(ctx, func() error { return c.save(m) })
}

func (c *tokenCache) isDeferred() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deferred
}

// deferWrites keeps everything in memory until commit.
func (c *tokenCache) deferWrites() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deferred = true
}

// commit writes what MSAL exported while writes were deferred, and ends deferral.
func (c *tokenCache) commit(ctx context.Context) error {
	c.mu.Lock()
	c.deferred = false
	blob := c.pending
	c.pending = nil
	c.mu.Unlock()
	if blob == nil {
		return nil
	}
	return c.locked(ctx, func() error { return c.saveBlob(blob) })
}

func (c *tokenCache) load(u cache.Unmarshaler) error {
	info, err := c.files.stat()
	if err != nil {
		return fmt.Errorf("stat token cache: %w", err)
	}
	// Unchanged since we last read or wrote it (a rename makes a new inode): MSAL's
	// in-memory copy is current, skip decrypting it again.
	if info == nil || (c.last != nil && sameVersion(c.last, info)) {
		return nil
	}
	data, info, err := c.files.read()
	if err != nil || data == nil {
		return err
	}
	plain, err := c.decode(data)
	if err != nil {
		return err
	}
	c.last, c.filePlain = info, !isSealed(data)
	if plain == nil {
		return nil
	}
	// A blob MSAL cannot parse is as good as no cache: sign in again rather than fail.
	_ = u.Unmarshal(plain)
	return nil
}

func sameVersion(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size()
}

// decode returns the MSAL blob, or nil when the file cannot be decrypted (counts as empty).
func (c *tokenCache) decode(data []byte) ([]byte, error) {
	if !isSealed(data) {
		if c.mode == CacheKeyring {
			return nil, c.plainRefused()
		}
		return data, nil // plain JSON from file mode or an earlier fallback
	}
	if c.mode == CacheFile {
		return nil, nil
	}
	if err := c.readKey(); err != nil {
		return nil, err
	}
	if c.state != keyPresent {
		return nil, nil
	}
	plain, err := unseal(c.key, c.files.profile, data)
	if err != nil {
		return nil, nil
	}
	return plain, nil
}

// readKey fetches the key once per process. Only keyring mode turns an unavailable keyring
// into an error; auto mode falls back to the plain file.
func (c *tokenCache) readKey() error {
	if c.state != keyUnknown {
		return c.keyringRequired()
	}
	v, err := c.store.Get(KeyringService, keyAccount(c.files.profile))
	switch {
	case err == nil:
		c.setKey(v)
	case errors.Is(err, ErrSecretNotFound):
		c.state = keyMissing
	default:
		c.state, c.keyErr = keyUnavailable, err
	}
	return c.keyringRequired()
}

func (c *tokenCache) keyringRequired() error {
	if c.state == keyUnavailable && c.mode == CacheKeyring {
		return fmt.Errorf("token cache key (MDTI_TOKEN_CACHE=keyring): %w", c.keyErr)
	}
	return nil
}

// setKey accepts a stored key; a malformed one counts as missing and is replaced on write.
func (c *tokenCache) setKey(v string) {
	k, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(k) != 32 {
		c.state = keyMissing
		return
	}
	c.state, c.key = keyPresent, k
}

func (c *tokenCache) save(m cache.Marshaler) error {
	blob, err := m.Marshal()
	if err != nil {
		return fmt.Errorf("serialise token cache: %w", err)
	}
	return c.saveBlob(blob)
}

func (c *tokenCache) saveBlob(blob []byte) error {
	out, err := c.encode(blob)
	if err != nil {
		return err
	}
	info, err := c.files.write(out)
	if err != nil {
		return err
	}
	wasPlain := c.filePlain
	c.last, c.filePlain = info, !isSealed(out)
	c.warnPlain(wasPlain)
	return nil
}

func (c *tokenCache) encode(blob []byte) ([]byte, error) {
	if c.mode == CacheFile {
		return blob, nil
	}
	if err := c.ensureKey(); err != nil {
		return nil, err
	}
	if c.state != keyPresent {
		return blob, nil // auto mode without a keyring
	}
	return seal(c.key, c.files.profile, blob)
}

// ensureKey makes sure a key exists before the first encrypted write. It runs under the lock
// file, and looks again if the key was missing: another process may have created it since.
func (c *tokenCache) ensureKey() error {
	if c.state == keyMissing {
		c.state = keyUnknown
	}
	if err := c.readKey(); err != nil || c.state != keyMissing {
		return err
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return fmt.Errorf("generate token cache key: %w", err)
	}
	if err := c.store.Set(KeyringService, keyAccount(c.files.profile), base64.StdEncoding.EncodeToString(k)); err != nil {
		c.state, c.keyErr = keyUnavailable, err
		return c.keyringRequired()
	}
	c.state, c.key = keyPresent, k
	return nil
}

// warnPlain tells the user once, when a plain cache file is created (or replaces an encrypted
// one) because there is no keyring; rewriting an existing plain file stays quiet, so CI logs
// are not flooded. An explicit MDTI_TOKEN_CACHE=file never warns.
func (c *tokenCache) warnPlain(wasPlain bool) {
	if c.mode != CacheAuto || !c.filePlain || wasPlain || c.warned {
		return
	}
	c.warned = true
	fmt.Fprintf(c.stderr, "! Token cache saved in plain text at %s: no OS keyring is available (%v).\n"+
		"  Set MDTI_TOKEN_CACHE=file to accept this without a warning, or MDTI_TOKEN_CACHE=none to keep tokens in memory only.\n",
		c.files.blob(), c.keyErr)
}

// plainRefused is keyring mode's answer to a plain cache file: reading it would defeat the
// point of asking for the keyring.
func (c *tokenCache) plainRefused() error {
	return fmt.Errorf("token cache %s is not encrypted, and MDTI_TOKEN_CACHE=keyring accepts only an encrypted cache; "+
		"remove it with `mdti auth logout` (then sign in again) or set MDTI_TOKEN_CACHE=auto", c.files.blob())
}

// describe finds out how the cache is kept now, asking the keyring if nobody has yet and
// reading the file's header, so `auth status` can tell the truth before any token is read.
func (c *tokenCache) describe() (Storage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := Storage{Kind: StoragePlainFile, Path: c.files.blob()}
	exists, sealed, err := c.files.peek()
	if err != nil {
		return st, err
	}
	if c.mode == CacheFile {
		st.Reason = "MDTI_TOKEN_CACHE=file"
		return st, nil
	}
	if c.state == keyMissing {
		c.state = keyUnknown // another process may have created it since
	}
	if err := c.readKey(); err != nil {
		return st, err
	}
	switch {
	case c.mode == CacheKeyring && exists && !sealed:
		return st, c.plainRefused()
	case c.state == keyUnavailable:
		st.Reason = "no OS keyring: " + c.keyErr.Error()
	case exists && !sealed:
		st.Reason = "written when no OS keyring was available; encrypted on the next write"
	default:
		st.Kind = StorageEncryptedFile
	}
	return st, nil
}
