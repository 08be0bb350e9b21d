package views

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/lazy"
	"github.com/mdti-cli/mdti/internal/render"
)

// SummaryRunes caps a text summary cell: tables cut it further to the terminal width, and
// a piped row stays one readable line rather than a whole article.
const SummaryRunes = 300

// Summary returns a cell function showing a formattedContent ({"content", "format"}) at
// path as one line of plain text, cut to SummaryRunes.
func Summary(path string) func(render.Object) string {
	return func(o render.Object) string {
		content := String(o, path+".content")
		if content == "" {
			content = String(o, path) // a bare string where a formattedContent was expected
			if strings.HasPrefix(content, "map[") {
				content = ""
			}
		}
		return Cut(PlainText(content, String(o, path+".format")), SummaryRunes)
	}
}

// Cut shortens s to at most n runes, ending with "…" when it was cut.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

var (
	reDropBlock  = lazy.Regexp(`(?is)<(script|style|head)\b[^>]*>.*?</(script|style|head)\s*>`)
	reComment    = lazy.Regexp(`(?s)<!--.*?-->`)
	reBlockTag   = lazy.Regexp(`(?i)</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|hr)\b[^>]*>`)
	reTag        = lazy.Regexp(`(?s)</?[a-zA-Z][^>]*>`)
	reLooksHTML  = lazy.Regexp(`(?i)</?(p|div|br|span|a|b|i|em|strong|ul|ol|li|h[1-6]|table|img|code|pre)\b[^>]*>`)
	reMDImage    = lazy.Regexp(`!\[([^\]]*)\]\([^)]*\)`)
	reMDLink     = lazy.Regexp(`\[([^\]]*)\]\([^)]*\)`)
	reMDRefLink  = lazy.Regexp(`\[([^\]]+)\]\[[^\]]*\]`)
	reMDLineHead = lazy.Regexp(`(?m)^[ \t]*(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)`)
	reMDRule     = lazy.Regexp(`(?m)^[ \t]*([-*_][ \t]*){3,}$`)
	reMDFence    = lazy.Regexp("(?m)^[ \t]*(```|~~~)[^\n]*$")
	reMDEmph     = lazy.Regexp(`(\*\*|__|~~)(\S(?:.*?\S)?)(\*\*|__|~~)`)
	reMDItalic   = lazy.Regexp(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]($|[\s).,;:!?])`)
	reMDTableSep = lazy.Regexp(`(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$`)
)

// PlainText turns formattedContent into one line of readable text: HTML tags stripped
// (script and style dropped, block elements becoming breaks) and entities decoded;
// markdown headings, emphasis, links, list markers, code fences and tables reduced to
// their text; white space collapsed. format is "html", "markdown" or "text"; anything else
// is guessed from the content.
func PlainText(content, format string) string {
	switch strings.ToLower(format) {
	case "html":
		content = stripHTML(content)
	case "markdown":
		content = stripMarkdown(stripHTML(content))
	case "text":
	default:
		if reLooksHTML().MatchString(content) {
			content = stripHTML(content)
		} else {
			content = stripMarkdown(content)
		}
	}
	return collapse(render.Sanitize(content))
}

func stripHTML(s string) string {
	s = reDropBlock().ReplaceAllString(s, " ")
	s = reComment().ReplaceAllString(s, " ")
	s = reBlockTag().ReplaceAllString(s, "\n")
	s = reTag().ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

func stripMarkdown(s string) string {
	s = reMDFence().ReplaceAllString(s, "")
	s = reMDTableSep().ReplaceAllString(s, "")
	s = reMDImage().ReplaceAllString(s, "$1")
	s = reMDLink().ReplaceAllString(s, "$1")
	s = reMDRefLink().ReplaceAllString(s, "$1")
	s = reMDRule().ReplaceAllString(s, "")
	s = reMDLineHead().ReplaceAllString(s, "")
	for range 2 { // nested **_x_**
		s = reMDEmph().ReplaceAllString(s, "$2")
		s = reMDItalic().ReplaceAllString(s, "$1$2$3")
	}
	s = strings.ReplaceAll(s, "`", "")
	s = strings.ReplaceAll(s, "|", " ")
	// Backslash escapes (\* \_ \#) keep their character.
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// collapse turns every run of white space (including non-breaking spaces) into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\u00a0' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029'
	}), " ")
}
