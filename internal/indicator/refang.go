package indicator

import (
	"regexp"
	"strings"
	"sync"
)

// defang is one way analysts neutralise indicators in reports, and what it stands for.
type defang struct {
	pattern *regexp.Regexp
	plain   string
}

// defangs are compiled on first use, not at start-up.
var defangs = sync.OnceValue(func() []defang {
	return []defang{
		{regexp.MustCompile(`^(?:hxxp|HXXP|Hxxp)(\[:\]|:)//`), "http://"},
		{regexp.MustCompile(`^(?:hxxps|HXXPS|Hxxps)(\[:\]|:)//`), "https://"},
		{regexp.MustCompile(`(?i)^(https?|ftp)\[:\]//`), "$1://"},
		{regexp.MustCompile(`(?i)^(https?|ftp)\[://\]`), "$1://"},
		{regexp.MustCompile(`(?i)\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}`), "."},
		{regexp.MustCompile(`\[:\]`), ":"},
	}
})

// Refang undoes the usual defanging: example[.]com, example(.)com, example[dot]com,
// hxxp://, hxxps://, 1.2.3[.]4 and [:] inside IPv6 addresses.
func Refang(s string) string {
	if !strings.ContainsAny(s, "[({xX") {
		return s
	}
	for _, d := range defangs() {
		s = d.pattern.ReplaceAllString(s, d.plain)
	}
	return s
}
