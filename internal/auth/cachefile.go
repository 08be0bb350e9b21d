package auth

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"github.com/mdti-cli/mdti/internal/filelock"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// sealedMagic starts every encrypted cache file; a file without it is MSAL's plain JSON
// (written in file or fallback mode).
var sealedMagic = []byte("mdti-msal-aes256gcm-v1\n")

// errUndecryptable marks a cache we cannot open (wrong or missing key, tampering): the
// accessor treats it as empty and the user signs in again.
var errUndecryptable = errors.New("token cache cannot be decrypted")

// cacheFiles names a profile's cache and lock files.
type cacheFiles struct {
	dir, profile string
}

func (c cacheFiles) blob() string { return filepath.Join(c.dir, c.profile+".msal.bin") }
func (c cacheFiles) lock() string { return filepath.Join(c.dir, c.profile+".msal.lock") }

// ensureDir creates the cache directory 0700: the file inside holds refresh tokens. The
// directory is mdti's own, so one that others can enter or write (0755, 0777: made by hand
// or by an older umask) is tightened to 0700; if that fails, it is refused.
func (c cacheFiles) ensureDir() error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("create token cache directory (set MDTI_TOKEN_CACHE=none to keep tokens in memory only): %w", err)
	}
	info, err := os.Stat(c.dir)
	if err != nil {
		return fmt.Errorf("token cache directory: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("token cache directory %s is not a directory", c.dir)
	}
	if runtime.GOOS == "windows" || info.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(c.dir, 0o700); err != nil {
		return fmt.Errorf("refusing token cache directory %s: its permissions %04o let other users in, and it cannot be tightened: %w",
			c.dir, info.Mode().Perm(), err)
	}
	return nil
}

// maxCacheFile bounds the cache file we read: MSAL's blob is 7-8 KB per account.
const maxCacheFile = 16 << 20

// read returns the file's content and info; a missing file is (nil, nil, nil). A file other
// users could read is refused rather than used, so a mistake is noticed; so is anything but
// a regular file (a FIFO would block the open forever).
func (c cacheFiles) read() ([]byte, fs.FileInfo, error) {
	path := c.blob()
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("stat token cache: %w", err)
		}
		return nil, nil, checkPerm(path, info)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open token cache: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("stat token cache: %w", err)
	}
	if err := checkPerm(path, info); err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxCacheFile+1)); err != nil {
		return nil, nil, fmt.Errorf("read token cache: %w", err)
	}
	if buf.Len() > maxCacheFile {
		return nil, nil, fmt.Errorf("token cache %s is larger than 16 MiB; remove it with `mdti auth logout`", path)
	}
	return buf.Bytes(), info, nil
}

// peek says whether the cache file exists and is encrypted, reading only its header.
func (c cacheFiles) peek() (exists, sealed bool, err error) {
	data, _, err := c.readHeader()
	if err != nil || data == nil {
		return false, false, err
	}
	return true, isSealed(data), nil
}

func (c cacheFiles) readHeader() ([]byte, fs.FileInfo, error) {
	path := c.blob()
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("stat token cache: %w", err)
	}
	if err := checkPerm(path, info); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open token cache: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(sealedMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("read token cache: %w", err)
	}
	return head[:n], info, nil
}

// stat is read without the content, to skip reloading an unchanged file.
func (c cacheFiles) stat() (fs.FileInfo, error) {
	info, err := os.Stat(c.blob())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return info, err
}

func checkPerm(path string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("token cache %s is not a regular file", path)
	}
	// Windows has no Unix permission bits; the file lives in the user's profile directory.
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("refusing to use token cache %s: its permissions %04o let other users read it; run `chmod 600 %s` or `mdti auth logout`",
			path, info.Mode().Perm(), path)
	}
	return nil
}

// write replaces the file atomically (temp file in the same directory, then rename), so a
// reader never sees half a cache even without the lock. The temp file is locked while it is
// written: a temp file nobody holds is what a killed writer left, and holds tokens, so
// sweepTemps removes it.
func (c cacheFiles) write(data []byte) (fs.FileInfo, error) {
	if err := c.ensureDir(); err != nil {
		return nil, err
	}
	c.sweepTemps(false)
	err := c.writeTemp(data)
	if errors.Is(err, fs.ErrNotExist) {
		// A sweeper took our temp file in the instant before we locked it: once more.
		err = c.writeTemp(data)
	}
	if err != nil {
		return nil, err
	}
	return os.Stat(c.blob())
}

func (c cacheFiles) writeTemp(data []byte) error {
	tmp, err := os.CreateTemp(c.dir, c.profile+tempInfix+"*") // created 0600
	if err != nil {
		return fmt.Errorf("write token cache: %w", err)
	}
	name := tmp.Name()
	_, _ = filelock.TryLock(tmp) // released by Close, or by the kernel if we are killed
	if err := writeAndSync(tmp, data); err != nil {
		tmp.Close()
		_ = os.Remove(name)
		return fmt.Errorf("write token cache: %w", err)
	}
	if runtime.GOOS == "windows" {
		// Windows cannot rename an open file; the instant between is covered by the age rule.
		tmp.Close()
	}
	if err := os.Rename(name, c.blob()); err != nil {
		tmp.Close()
		_ = os.Remove(name)
		return fmt.Errorf("replace token cache: %w", err)
	}
	return tmp.Close()
}

// tempInfix names a profile's temp files: <profile>.msal.bin.tmp-<random>.
const tempInfix = ".msal.bin.tmp-"

// staleTempAge is when a temp file is abandoned for sure: a write takes milliseconds.
const staleTempAge = time.Minute

// sweepTemps removes temp files killed writers left behind: all of them (logout), or those
// older than a minute or locked by nobody. Failures are ignored; the next write tries again.
func (c cacheFiles) sweepTemps(all bool) {
	names, _ := filepath.Glob(filepath.Join(c.dir, c.profile+tempInfix+"*"))
	for _, name := range names {
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if all || time.Since(info.ModTime()) > staleTempAge || unlockedTemp(name) {
			_ = os.Remove(name)
		}
	}
}

// unlockedTemp reports a temp file no writer holds. Where files cannot be locked, only the
// age rule applies.
func unlockedTemp(name string) bool {
	if !filelock.CanLock {
		return false
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	ok, err := filelock.TryLock(f)
	if ok && err == nil {
		_ = filelock.Unlock(f)
		return true
	}
	return false
}

func writeAndSync(f *os.File, data []byte) error {
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// remove deletes the cache, its temp files and the lock file; missing files are fine.
func (c cacheFiles) remove() error {
	c.sweepTemps(true)
	var errs []error
	for _, p := range []string{c.blob(), c.lock()} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove token cache: %w", err)
	}
	return nil
}

// seal encrypts the MSAL blob with AES-256-GCM; the profile name is the additional data, so a
// file copied to another profile's name does not decrypt.
func seal(key []byte, profile string, plain []byte) ([]byte, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("encrypt token cache: %w", err)
	}
	out := append(append([]byte{}, sealedMagic...), nonce...)
	return gcm.Seal(out, nonce, plain, []byte(profile)), nil
}

func unseal(key []byte, profile string, data []byte) ([]byte, error) {
	body, ok := bytes.CutPrefix(data, sealedMagic)
	if !ok {
		return nil, errUndecryptable
	}
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(body) < gcm.NonceSize() {
		return nil, errUndecryptable
	}
	plain, err := gcm.Open(nil, body[:gcm.NonceSize()], body[gcm.NonceSize():], []byte(profile))
	if err != nil {
		return nil, errUndecryptable
	}
	return plain, nil
}

func isSealed(data []byte) bool { return bytes.HasPrefix(data, sealedMagic) }

func newGCM(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, errUndecryptable
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("token cache cipher: %w", err)
	}
	return cipher.NewGCM(block)
}
