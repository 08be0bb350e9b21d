package indicator

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
)

// An xn-- label is checked with our own RFC 3492 decoder: golang.org/x/net/idna is not a
// dependency, and the standard library has none. The checks are those that catch a label
// no registry could have issued: it decodes, it decodes to something non-ASCII, its
// characters are lower-case letters, marks or digits, and it is the one (lower-case)
// encoding of what it decodes to. Full IDNA2008 (NFC, contextual and bidi rules) is not checked.

// Punycode parameters, RFC 3492 §5.
const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 128
)

var errPunyOverflow = errors.New("punycode overflows")

// checkPunycodeLabel checks a lower-case "xn--" label that holds only label characters.
func checkPunycodeLabel(label string) error {
	encoded := strings.TrimPrefix(label, "xn--")
	decoded, err := decodePunycode(encoded)
	if err != nil {
		return fmt.Errorf("label %q is not valid punycode: %v", label, err)
	}
	nonASCII := false
	for _, r := range decoded {
		if r <= unicode.MaxASCII {
			continue
		}
		nonASCII = true
		if !isIDNRune(r) {
			return fmt.Errorf("label %q is not valid punycode: it decodes to %s, which no host name holds", label, describeRune(r))
		}
	}
	if !nonASCII {
		return fmt.Errorf("label %q is not valid punycode: it decodes to plain ASCII", label)
	}
	if encodePunycode(decoded) != encoded {
		return fmt.Errorf("label %q is not valid punycode: it is not the usual encoding of its characters", label)
	}
	return nil
}

// isIDNRune approximates IDNA2008's PVALID for non-ASCII: lower-case (or caseless) letters,
// marks and digits, and the two joiners.
func isIDNRune(r rune) bool {
	switch {
	case r == 0x200C || r == 0x200D:
		return true
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r)
}

// decodePunycode decodes the part of a label after "xn--" (RFC 3492 §6.2).
func decodePunycode(s string) ([]rune, error) {
	var out []rune
	if b := strings.LastIndexByte(s, '-'); b > 0 {
		for _, c := range []byte(s[:b]) {
			out = append(out, rune(c))
		}
		s = s[b+1:]
	}
	n, i, bias := punyInitialN, 0, punyInitialBias
	for pos := 0; pos < len(s); {
		oldi, w := i, 1
		for k := punyBase; ; k += punyBase {
			if pos == len(s) {
				return nil, errors.New("it ends in the middle of a character")
			}
			digit, ok := punyDigit(s[pos])
			pos++
			if !ok {
				return nil, fmt.Errorf("%q is not a punycode digit", s[pos-1])
			}
			if digit > (math.MaxInt32-i)/w {
				return nil, errPunyOverflow
			}
			i += digit * w
			t := punyThreshold(k, bias)
			if digit < t {
				break
			}
			if w > math.MaxInt32/(punyBase-t) {
				return nil, errPunyOverflow
			}
			w *= punyBase - t
		}
		count := len(out) + 1
		bias = punyAdapt(i-oldi, count, oldi == 0)
		if i/count > math.MaxInt32-n {
			return nil, errPunyOverflow
		}
		n += i / count
		i %= count
		if n > unicode.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return nil, fmt.Errorf("it decodes to %#x, which is no character", n)
		}
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return out, nil
}

// encodePunycode encodes a label's characters as the part after "xn--" (RFC 3492 §6.3).
// Labels are at most 63 bytes, so no overflow check is needed.
func encodePunycode(runes []rune) string {
	var out []byte
	for _, r := range runes {
		if r <= unicode.MaxASCII {
			out = append(out, byte(r))
		}
	}
	basic := len(out)
	if basic > 0 {
		out = append(out, '-')
	}
	n, delta, bias := punyInitialN, 0, punyInitialBias
	for handled := basic; handled < len(runes); {
		m := math.MaxInt32
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (handled + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) != n {
				continue
			}
			q := delta
			for k := punyBase; ; k += punyBase {
				t := punyThreshold(k, bias)
				if q < t {
					break
				}
				out = append(out, punyDigitChar(t+(q-t)%(punyBase-t)))
				q = (q - t) / (punyBase - t)
			}
			out = append(out, punyDigitChar(q))
			bias = punyAdapt(delta, handled+1, handled == basic)
			delta = 0
			handled++
		}
		delta++
		n++
	}
	return string(out)
}

func punyThreshold(k, bias int) int {
	return min(max(k-bias, punyTMin), punyTMax)
}

// punyAdapt is the bias adaptation function of RFC 3492 §6.1.
func punyAdapt(delta, count int, first bool) int {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / count
	k := 0
	for delta > (punyBase-punyTMin)*punyTMax/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}

func punyDigit(c byte) (int, bool) {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a'), true
	case c >= 'A' && c <= 'Z':
		return int(c - 'A'), true
	case c >= '0' && c <= '9':
		return int(c-'0') + 26, true
	}
	return 0, false
}

func punyDigitChar(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}
