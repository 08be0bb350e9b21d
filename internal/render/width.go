package render

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// runeWidth is the number of terminal cells a rune takes: 2 for East Asian
// wide and fullwidth runes (CJK, most emoji), 0 for combining marks and
// format characters, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func stringWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

const ellipsis = "…"

// truncate shortens s to at most w cells, ending in "…" when cut.
func truncate(s string, w int) string {
	if stringWidth(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > w-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	b.WriteString(ellipsis)
	return b.String()
}

// pad right-pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := w - stringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// wrap breaks s into lines of at most w cells, at spaces where it can and
// inside a word only when the word alone is too long.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	var lines []string
	line, lineW := "", 0
	for _, word := range strings.Fields(s) {
		ww := stringWidth(word)
		if lineW > 0 && lineW+1+ww <= w {
			line, lineW = line+" "+word, lineW+1+ww
			continue
		}
		if lineW > 0 {
			lines = append(lines, line)
		}
		for ww > w {
			head, rest := splitWidth(word, w)
			lines = append(lines, head)
			word, ww = rest, stringWidth(rest)
		}
		line, lineW = word, ww
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// splitWidth cuts s after at most w cells, but always after at least one
// rune so a caller looping on the rest makes progress.
func splitWidth(s string, w int) (string, string) {
	used := 0
	for i, r := range s {
		rw := runeWidth(r)
		if used+rw > w && i > 0 {
			return s[:i], s[i:]
		}
		used += rw
	}
	return s, ""
}
