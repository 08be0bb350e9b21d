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

// defangs are compiled on first use, not at start-up. The scheme forms come first so that
// "hxxps[://]" is read whole before "[:]" on its own is.
var defangs = sync.OnceValue(func() []defang {
	return []defang{
		{regexp.MustCompile(`(?i)^hxxps(?:\[:\]//|\[://\]|://)`), "https://"},
		{regexp.MustCompile(`(?i)^hxxp(?:\[:\]//|\[://\]|://)`), "http://"},
		{regexp.MustCompile(`(?i)^(https?|ftp)(?:\[:\]//|\[://\])`), "$1://"},
		{regexp.MustCompile(`(?i)\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}`), "."},
		{regexp.MustCompile(`\[:\]`), ":"},
		{regexp.MustCompile(`\[/\]`), "/"},
	}
})

// Refang undoes the usual defanging: example[.]com, example(.)com, example[dot]com,
// hxxp://, hxxps[://], hxxp[:]//, 1.2.3[.]4, [:] inside IPv6 addresses and before a port,
// and [/] in a path.
func Refang(s string) string {
	if !strings.ContainsAny(s, "[({xX") {
		return s
	}
	for _, d := range defangs() {
		s = d.pattern.ReplaceAllString(s, d.plain)
	}
	return s
}
