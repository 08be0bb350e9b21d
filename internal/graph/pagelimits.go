package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

const (
	// maxEmptyPages ends a collection whose server keeps linking on without records.
	maxEmptyPages = 10
	// defaultMaxPages bounds any iteration, --all included: a million records in pages
	// of 1000 is a thousand pages, so this only ever stops a server that never ends.
	defaultMaxPages = 100_000
	// recentLinks is how many recent page keys are remembered exactly: a loop shorter
	// than this is caught as soon as it closes; a longer one within three times its length.
	recentLinks = 1024
)

// ErrEmptyPages means the server sent maxEmptyPages empty pages in a row, each linking
// to another: following them would never end (a hostile or broken server).
var ErrEmptyPages = errors.New("too many empty pages in a row")

// ErrTooManyPages means the page bound of the iteration was reached (MaxPages).
var ErrTooManyPages = errors.New("too many pages")

// PageOption tunes one iteration of Pages.
type PageOption func(*pageConfig)

type pageConfig struct {
	maxPages int
	firstURL string // page 1's URL when it was fetched before Pages began (AfterFirstPage)
}

// MaxPages bounds how many pages the iteration fetches; reaching it is ErrTooManyPages.
// Without --all a caller wants a bounded number of records and should say how many pages
// that may take at most (values below 1 leave the default of 100,000).
func MaxPages(n int) PageOption {
	return func(c *pageConfig) {
		if n > 0 {
			c.maxPages = n
		}
	}
}

// check runs before page n is fetched from next.
func (cfg *pageConfig) check(n, empty int, loops *loopDetector, next string) error {
	switch {
	case empty >= maxEmptyPages:
		return fmt.Errorf("page %d: %w: %d empty pages, each with an @odata.nextLink; stopped following them", n, ErrEmptyPages, empty)
	case n > cfg.maxPages:
		return fmt.Errorf("page %d: %w: stopped after %d", n, ErrTooManyPages, cfg.maxPages)
	case loops.seen(pageKey(next)):
		return fmt.Errorf("page %d: %w: %s", n, ErrNextLinkLoop, displayPath(next))
	}
	return nil
}

// loopDetector finds a nextLink back to a page already fetched in bounded memory: the
// keys of the last recentLinks pages are kept exactly (as 64-bit hashes, 8 KiB in all),
// and Brent's cycle finding compares every key with one saved at growing powers of two,
// which catches a loop of any length within three times its length. A map of every link ever
// seen grew to 650 MB against a server sending ever longer links.
type loopDetector struct {
	ring  []uint64       // the last recentLinks hashes, oldest overwritten first
	set   map[uint64]int // hash → how many times it is in ring
	n     int            // keys seen
	saved uint64         // Brent's tortoise
	power int
}

func (d *loopDetector) seen(key string) bool {
	sum := sha256.Sum256([]byte(key))
	h := binary.LittleEndian.Uint64(sum[:8])
	if d.set == nil {
		d.set = make(map[uint64]int, 16)
		d.power = 1
	}
	if d.set[h] > 0 || (d.n > 0 && h == d.saved) {
		return true
	}
	if len(d.ring) < recentLinks {
		d.ring = append(d.ring, h)
	} else {
		slot := d.n % recentLinks
		old := d.ring[slot]
		if d.set[old]--; d.set[old] <= 0 {
			delete(d.set, old)
		}
		d.ring[slot] = h
	}
	d.set[h]++
	d.n++
	if d.n == d.power {
		d.saved = h
		d.power *= 2
	}
	return false
}

// pageKey identifies a page URL by meaning, so a loop is caught however the server
// spells the link: host case, percent-encoding ($ or %24) and query order do not matter.
func pageKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Scheme+"://"+u.Host) + u.Path + "?" + q.Encode()
}
