package graph

import (
	"errors"
	"strings"
	"testing"
)

// A cursor hands the next page's URL relative to the version root for a $batch item, and
// refuses to, so that the page is fetched with a GET, for a link the version root does
// not hold: another version, a path that only starts like the version, a fragment.
func TestPageCursorBatchURL(t *testing.T) {
	c := New(WithEndpoint("https://graph.test"))
	first := TIPath("hosts", "a.test", "ports") + "?$top=5"
	for _, tt := range []struct {
		link, rel string
		ok        bool
	}{
		{"https://graph.test/v1.0/security/x?$skiptoken=a%2Fb&$top=3", "/security/x?$skiptoken=a%2Fb&$top=3", true},
		{"https://graph.test/beta/security/x?$skip=2", "", false},
		{"https://graph.test/v1.0x/security/x", "", false},
		{"https://graph.test/v1.0/security/x?$skip=2#frag", "", false},
	} {
		cur, err := c.ContinuePages(first, tt.link)
		if err != nil {
			t.Fatalf("ContinuePages(%q): %v", tt.link, err)
		}
		if rel, ok := cur.BatchURL(); rel != tt.rel || ok != tt.ok || cur.Done() || cur.Page() != 2 {
			t.Errorf("BatchURL of %q = %q, %v (page %d); want %q, %v", tt.link, rel, ok, cur.Page(), tt.rel, tt.ok)
		}
	}
}

// The checks run once per page: asking again for the same page does not see a loop, but
// a link back to page 1 or to a page already advanced past is one; links resolve against
// the current page, and a foreign one is refused, named by its page.
func TestPageCursorChecksOncePerPage(t *testing.T) {
	c := New(WithEndpoint("https://graph.test"))
	first := TIPath("x") + "?$top=5"
	cur, err := c.ContinuePages(first, "https://graph.test/v1.0/security/threatIntelligence/x?$skip=1")
	if err != nil {
		t.Fatal(err)
	}
	if err := cur.Check(); err != nil {
		t.Fatalf("page 2: %v", err)
	}
	if err := cur.Check(); err != nil {
		t.Fatalf("page 2 again: %v", err)
	}
	if err := cur.Advance(&Page{Items: nil}, "x?$skip=2"); err != nil {
		t.Fatal(err)
	}
	if rel, _ := cur.BatchURL(); rel != "/security/threatIntelligence/x?$skip=2" || cur.Page() != 3 {
		t.Errorf("page %d at %q, want page 3 resolved against page 2", cur.Page(), rel)
	}
	if err := cur.Check(); err != nil {
		t.Fatalf("page 3: %v", err)
	}
	if err := cur.Advance(&Page{}, "https://graph.test/v1.0/security/threatIntelligence/x?$top=5"); err != nil {
		t.Fatal(err)
	}
	if err := cur.Check(); !errors.Is(err, ErrNextLinkLoop) || !strings.HasPrefix(err.Error(), "page 4: ") {
		t.Errorf("link back to page 1: %v, want a loop at page 4", err)
	}
	if err := cur.Advance(&Page{}, "https://elsewhere.test/v1.0/x"); !errors.Is(err, ErrForeignHost) || !strings.HasPrefix(err.Error(), "next link of page 4: ") || !cur.Done() {
		t.Errorf("foreign link: %v (done %v), want it refused as page 4's", err, cur.Done())
	}
	if err := cur.PageError(errors.New("boom")); err.Error() != "page 5: boom" {
		t.Errorf("PageError = %v", err)
	}
}

// A collection whose page 1 had no nextLink is done at once.
func TestPageCursorWithoutLinkIsDone(t *testing.T) {
	cur, err := New().ContinuePages("x", "")
	if err != nil || !cur.Done() {
		t.Errorf("ContinuePages without link = done %v, %v", cur.Done(), err)
	}
}
