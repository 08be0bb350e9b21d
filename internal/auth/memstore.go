package auth

import (
	"fmt"
	"sync"
)

// Size limits of real keyring backends, for MemoryStore.
const (
	WindowsLimit = 2560 // Credential Manager blob limit in go-keyring
	MacOSLimit   = 3000 // about what fits in one `security -i` command line
)

// MemoryStore is an in-memory SecretStore for tests. It enforces a size limit like the
// Windows or macOS keyring, and can be made to fail like an unavailable keyring.
type MemoryStore struct {
	mu    sync.Mutex
	limit int // <= 0: unlimited, like the Secret Service
	items map[string]string
	fail  error
	calls int
}

// NewMemoryStore returns an empty store whose values may be at most limit bytes (0: no limit).
func NewMemoryStore(limit int) *MemoryStore {
	return &MemoryStore{limit: limit, items: map[string]string{}}
}

// FailWith makes every later call return err (nil restores normal behaviour).
func (m *MemoryStore) FailWith(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = err
}

// Calls counts Get, Set and Delete calls, failed ones included.
func (m *MemoryStore) Calls() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls
}

// Len is the number of stored entries.
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}

func memKey(service, account string) string { return service + "\x00" + account }

// Get implements SecretStore.
func (m *MemoryStore) Get(service, account string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.fail != nil {
		return "", m.fail
	}
	v, ok := m.items[memKey(service, account)]
	if !ok {
		return "", ErrSecretNotFound
	}
	return v, nil
}

// Set implements SecretStore.
func (m *MemoryStore) Set(service, account, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.fail != nil {
		return m.fail
	}
	if m.limit > 0 && len(secret) > m.limit {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrSecretTooBig, len(secret), m.limit)
	}
	m.items[memKey(service, account)] = secret
	return nil
}

// Delete implements SecretStore.
func (m *MemoryStore) Delete(service, account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.fail != nil {
		return m.fail
	}
	k := memKey(service, account)
	if _, ok := m.items[k]; !ok {
		return ErrSecretNotFound
	}
	delete(m.items, k)
	return nil
}
