package auth

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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

// ensureDir creates the cache directory 0700: the file inside holds refresh tokens.
func (c cacheFiles) ensureDir() error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("create token cache directory (set MDTI_TOKEN_CACHE=none to keep tokens in memory only): %w", err)
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
// reader never sees half a cache even without the lock.
func (c cacheFiles) write(data []byte) (fs.FileInfo, error) {
	if err := c.ensureDir(); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(c.dir, c.profile+".msal.bin.tmp-*") // created 0600
	if err != nil {
		return nil, fmt.Errorf("write token cache: %w", err)
	}
	name := tmp.Name()
	if err := writeAndClose(tmp, data); err != nil {
		_ = os.Remove(name)
		return nil, fmt.Errorf("write token cache: %w", err)
	}
	if err := os.Rename(name, c.blob()); err != nil {
		_ = os.Remove(name)
		return nil, fmt.Errorf("replace token cache: %w", err)
	}
	return os.Stat(c.blob())
}

func writeAndClose(f *os.File, data []byte) error {
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// remove deletes the cache and lock files; missing files are fine.
func (c cacheFiles) remove() error {
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
