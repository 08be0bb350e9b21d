package views

import (
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/render"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ name, content, format, want string }{
		{"html", `<h2>Summary</h2><p>Trend&nbsp;Micro &amp; friends<br/>saw <b>Batloader</b> &lt;x&gt; &#39;q&#39;</p>`, "html",
			"Summary Trend Micro & friends saw Batloader <x> 'q'"},
		{"html script dropped", `<p>a</p><script>alert(1)</script><style>p{}</style><!-- c --><p>b</p>`, "html", "a b"},
		{"html list", "<ul><li>one</li><li>two</li></ul>", "html", "one two"},
		{"markdown", "## Heading\n\n**Bold** and _italic_ with [a link](https://x.test) and ![img](i.png)\n\n- item one\n- item two\n1. first\n> quoted `code`", "markdown",
			"Heading Bold and italic with a link and img item one item two first quoted code"},
		{"markdown fence and table", "```js\nx()\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\nend", "markdown", "x() a b 1 2 end"},
		{"markdown escapes", `1\*2 snake\_case file_name.txt`, "markdown", "1*2 snake_case file_name.txt"},
		{"markdown with html", "Intro<br>**x**", "markdown", "Intro x"},
		{"text", "plain   text\n\twith  spaces", "text", "plain text with spaces"},
		{"guess html", "<p>guessed</p>", "", "guessed"},
		{"guess markdown", "# Title\n*em*", "", "Title em"},
		{"controls", "bad\x1b[31mred\x07 text", "text", "badred text"},
		{"empty", "", "html", ""},
	} {
		if got := PlainText(tc.content, tc.format); got != tc.want {
			t.Errorf("%s: PlainText = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSummaryCuts(t *testing.T) {
	o := render.Object{"summary": map[string]any{"content": "<p>" + strings.Repeat("word ", 200) + "</p>", "format": "html"}}
	got := Summary("summary")(o)
	if n := len([]rune(got)); n != SummaryRunes && n != SummaryRunes-1 || !strings.HasSuffix(got, "…") {
		t.Errorf("Summary = %d runes %q", n, got)
	}
	if got := Summary("missing")(o); got != "" {
		t.Errorf("missing: %q", got)
	}
	if got := Cut("héllo", 10); got != "héllo" {
		t.Errorf("Cut short = %q", got)
	}
	if got := Cut("héllo world", 6); got != "héllo…" {
		t.Errorf("Cut = %q", got)
	}
}

func TestArtifactAndKind(t *testing.T) {
	o := render.Object{
		"@odata.type": "#microsoft.graph.security.articleIndicator",
		"artifact":    map[string]any{"@odata.type": "#microsoft.graph.security.unclassifiedArtifact", "id": "x1", "kind": "url", "value": "https://evil.test/a"},
		"tags":        []any{"a", "b"},
	}
	if got := Kind(o, ""); got != "articleIndicator" {
		t.Errorf("Kind = %q", got)
	}
	if got := Kind(o, "artifact"); got != "unclassifiedArtifact" {
		t.Errorf("Kind artifact = %q", got)
	}
	if got := ArtifactValue("artifact")(o); got != "https://evil.test/a (url)" {
		t.Errorf("ArtifactValue = %q", got)
	}
	o["artifact"] = map[string]any{"@odata.type": "#microsoft.graph.security.hostname", "id": "evil.test"}
	if got := ArtifactValue("artifact")(o); got != "evil.test" {
		t.Errorf("ArtifactValue = %q", got)
	}
	if got := Join("tags")(o); got != "a; b" {
		t.Errorf("Join = %q", got)
	}
}
