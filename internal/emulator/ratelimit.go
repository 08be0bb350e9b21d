package emulator

import (
	"math"
	"sync"
	"time"
)

// tokenBucket limits Graph requests per second. The burst equals one second's worth of
// requests (at least one), which lets a client at exactly the limit never see a 429.
type tokenBucket struct {
	mu     sync.Mutex
	now    func() time.Time
	rate   float64
	tokens float64
	last   time.Time
}

func newTokenBucket(rate float64, now func() time.Time) *tokenBucket {
	b := &tokenBucket{now: now}
	b.setRate(rate)
	return b
}

func (b *tokenBucket) setRate(rate float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if rate < 0 || math.IsNaN(rate) {
		rate = 0
	}
	b.rate = rate
	b.tokens = b.burst()
	b.last = b.now()
}

func (b *tokenBucket) burst() float64 { return math.Max(1, math.Ceil(b.rate)) }

// allow takes one token; it reports false when the bucket is empty.
func (b *tokenBucket) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rate == 0 {
		return true
	}
	now := b.now()
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(b.burst(), b.tokens+elapsed*b.rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
