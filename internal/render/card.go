package render

import "strings"

// renderCard prints one record as "HEADER: value" rows with the values
// aligned and wrapped to the terminal width: easier to read than a one-row
// table whose columns would be squeezed.
func renderCard(cols []column, cells []string, opts Options) string {
	hs := headers(cols)
	labelW := 0
	for _, h := range hs {
		labelW = max(labelW, stringWidth(h)+1)
	}
	valueW := max(opts.Width-labelW-1, 20)
	indent := strings.Repeat(" ", labelW)
	var b strings.Builder
	for i, h := range hs {
		label := pad(h+":", labelW)
		if opts.Color {
			label = paint(h+":", Bold) + strings.Repeat(" ", labelW-stringWidth(h)-1)
		}
		color := colorOf(cols[i], cells[i])
		for j, line := range cardLines(cols[i], cells[i], valueW) {
			if j == 0 {
				b.WriteString(label)
			} else {
				b.WriteString(indent)
			}
			if line != "" {
				b.WriteByte(' ')
				if opts.Color {
					line = paint(line, color)
				}
				b.WriteString(line)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// cardMaxLines bounds a value that may be truncated: a 1 MB WHOIS field is not worth
// thousands of lines on a terminal (the piped and JSON forms keep it whole).
const cardMaxLines = 8

// cardLines wraps a value to the card's width, shortening a truncatable one to
// cardMaxLines that end in "…". The value is cut before wrapping so that wrapping
// costs no more than the lines shown.
func cardLines(c column, cell string, width int) []string {
	if !c.Truncate {
		return wrap(cell, width)
	}
	limit := width * (cardMaxLines + 1)
	cut := false
	if len(cell) > 4*limit {
		cell, cut = truncate(strings.ToValidUTF8(cell[:4*limit], ""), limit), true
	} else if stringWidth(cell) > limit {
		cell, cut = truncate(cell, limit), true
	}
	lines := wrap(cell, width)
	if len(lines) > cardMaxLines {
		lines, cut = lines[:cardMaxLines], true
	}
	if cut {
		last := strings.TrimSuffix(lines[len(lines)-1], ellipsis)
		lines[len(lines)-1] = truncate(last+ellipsis, width)
	}
	return lines
}
