package enrich

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CommentMarker starts the first line of every comment mdti posts. The line goes on with
// a format version and a digest of the rest of the comment:
//
//	[mdti enrich] v1 3f2a9c1b7d0e
//
// so a second run recognises its earlier comment, and an identical one, without relying
// on the portal keeping the body's white space as it was sent.
const CommentMarker = "[mdti enrich]"

const commentVersion = "v1"

// MaxCommentBytes caps a comment. The Graph pages for alertComment and for posting incident
// and alert comments state no limit; 4,000 bytes (and so at most 4,000 characters) is well
// under what comment fields commonly take and still holds about 40 verdict lines.
const MaxCommentBytes = 4000

// maxLineBytes keeps one verdict line from crowding out the others.
const maxLineBytes = 300

// Comment is the verdict summary posted to one incident: what is malicious or suspicious,
// with score and the most severe rule, then how many were neutral, unknown or skipped.
// records are that incident's records.
func Comment(incidentID string, records []Record) string {
	sorted := append([]Record(nil), records...)
	SortForTable(sorted)
	var lines []string
	for _, r := range sorted {
		if tableRank(r) <= 1 {
			lines = append(lines, verdictLine(r))
		}
	}
	head := "MDTI verdicts for " + Summary(incidentID, records) + " (skipped hosts were not sent)."
	if len(lines) == 0 {
		head += "\nNothing malicious or suspicious."
	}
	budget := MaxCommentBytes - len(markerLine("")) - 1 // the marker line and its newline
	body := fitLines(head, lines, budget)
	return markerLine(body) + "\n" + body
}

// Summary is the one-line count of an incident's verdicts, for the comment and for the
// line per incident on stderr: "incident 42: 1 malicious, 0 suspicious, 3 neutral, 1
// unknown, 2 skipped". An empty incidentID (alerts enrich) gives "alerts: …".
func Summary(incidentID string, records []Record) string {
	var counts [5]int
	for _, r := range records {
		counts[tableRank(r)]++
	}
	who := "alerts"
	if incidentID != "" {
		who = "incident " + truncate(oneLine(incidentID), 64)
	}
	return fmt.Sprintf("%s: %d malicious, %d suspicious, %d neutral, %d unknown, %d skipped",
		who, counts[0], counts[1], counts[2], counts[3], counts[4])
}

func markerLine(body string) string {
	sum := sha256.Sum256([]byte(body))
	return CommentMarker + " " + commentVersion + " " + hex.EncodeToString(sum[:6])
}

// verdictLine is "- malicious, score 100: evil.example (ip, url; 2 alerts). Top rule: Known C2 (high)".
func verdictLine(r Record) string {
	score := "-"
	if r.Score != nil {
		score = fmt.Sprint(*r.Score)
	}
	line := fmt.Sprintf("- %s, score %s: %s (%s; %d %s).", strings.ToLower(r.Classification), score, r.Host,
		strings.Join(r.Evidence, ", "), len(r.AlertIDs), plural(len(r.AlertIDs), "alert"))
	if r.topRule != "" {
		line += " Top rule: " + r.topRule
	}
	return truncate(oneLine(line), maxLineBytes)
}

// fitLines joins head and as many lines as fit in budget bytes, ending with
// "… and N more" when some did not fit.
func fitLines(head string, lines []string, budget int) string {
	var b strings.Builder
	b.WriteString(head)
	for i, line := range lines {
		rest := len(lines) - i - 1
		tail := 0
		if rest > 0 {
			tail = len(moreLine(rest)) + 1
		}
		if b.Len()+1+len(line)+tail > budget {
			b.WriteString("\n" + moreLine(len(lines)-i))
			return b.String()
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

func moreLine(n int) string { return fmt.Sprintf("… and %d more", n) }

// AlreadyPosted is true when an existing comment carries body's marker line: mdti posted
// this very summary before.
func AlreadyPosted(existingComments []string, body string) bool {
	marker, _, _ := strings.Cut(body, "\n")
	marker = strings.TrimSpace(marker)
	if !strings.HasPrefix(marker, CommentMarker) {
		return false
	}
	for _, c := range existingComments {
		for _, line := range strings.Split(c, "\n") {
			if strings.TrimSpace(line) == marker {
				return true
			}
		}
	}
	return false
}

// IsEnrichComment is true for a comment mdti enrich posted, whatever its verdicts.
func IsEnrichComment(comment string) bool {
	return strings.HasPrefix(strings.TrimSpace(comment), CommentMarker)
}

// oneLine replaces control characters (newlines among them) with spaces: rule names come
// from the service and hosts from evidence, and neither may start a line that looks like
// our marker.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
