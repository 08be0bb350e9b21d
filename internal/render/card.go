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
		for j, line := range wrap(cells[i], valueW) {
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
