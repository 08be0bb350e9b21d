package secops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// obj is one JSON object of the synthetic data; json.Marshal sorts its keys.
type obj = map[string]any

// graphTime formats t as Graph prints DateTimeOffset values: UTC, seven fractional digits.
func graphTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }

// newRand returns a generator seeded from a name, so each data set is deterministic on its own
// and adding records to one set does not shift another.
func newRand(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// hexString returns n hex digits from r.
func hexString(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}

// guid returns a GUID-shaped string from r.
func guid(r *rand.Rand) string {
	h := hexString(r, 32)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
}

// ago returns now minus d, with a sub-second part from r so timestamps look recorded.
func ago(r *rand.Rand, now time.Time, d time.Duration) time.Time {
	return now.Add(-d).Add(-time.Duration(r.IntN(1e9)) * time.Nanosecond)
}

// marshal encodes v without HTML escaping (Graph prints & and < as they are).
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("secops: marshal: " + err.Error())
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}
