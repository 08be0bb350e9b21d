package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// PageCursor is one collection read page by page by a caller that may fetch the pages
// itself, so that the next pages of several collections can ride in one $batch. It keeps
// Pages' rules (Pages is built on it): the checks of pageConfig.check before every page,
// nextLinks to the endpoint's host only, and errors named "page N: …" and "next link of
// page N: …". The flow per page is Check, then Fetch or a $batch item of BatchURL, then
// Advance.
type PageCursor struct {
	c        *Client
	cfg      pageConfig
	loops    loopDetector
	empty    int    // empty pages in a row so far
	n        int    // the number of the page at next
	next     string // absolute URL of page n; "" once the collection ended
	checked  int    // the page Check last ran for, so a second call does not see a loop
	checkErr error
}

// newCursor starts at path with q: at page 1, or at page 2 with AfterFirstPage.
func (c *Client) newCursor(path string, q url.Values, opts []PageOption) (*PageCursor, error) {
	p := &PageCursor{c: c, cfg: pageConfig{maxPages: defaultMaxPages}, n: 1}
	for _, o := range opts {
		o(&p.cfg)
	}
	next, err := c.resolve(path, q)
	if err != nil {
		if p.cfg.firstURL != "" {
			err = fmt.Errorf("next link of page 1: %w", err)
		}
		return nil, err
	}
	if p.cfg.firstURL != "" {
		if u, err := c.resolve(p.cfg.firstURL, nil); err == nil {
			p.loops.seen(pageKey(u))
		}
		p.n = 2
	}
	p.next = next
	return p, nil
}

// ContinuePages is a cursor at page 2 of a collection whose page 1 came in a $batch from
// firstURL (relative to the version root) with the @odata.nextLink link; "" gives a cursor
// that is already Done. A link to another host is refused as Pages refuses it.
func (c *Client) ContinuePages(firstURL, link string, opts ...PageOption) (*PageCursor, error) {
	if link == "" {
		return &PageCursor{c: c}, nil
	}
	return c.newCursor(link, nil, append(opts, AfterFirstPage(firstURL)))
}

// Done says the collection ended: the last page had no nextLink.
func (p *PageCursor) Done() bool { return p.next == "" }

// Page is the number of the next page, as errors name it.
func (p *PageCursor) Page() int { return p.n }

// Check runs before the next page is fetched: too many empty pages, MaxPages, a link back
// to a page already fetched. Calling it again for the same page gives the same answer.
func (p *PageCursor) Check() error {
	if p.checked != p.n {
		p.checked, p.checkErr = p.n, p.cfg.check(p.n, p.empty, &p.loops, p.next)
	}
	return p.checkErr
}

// BatchURL is the next page's URL relative to the version root, for a $batch item. ok is
// false for a link the version root does not hold (another API version on the same host):
// Fetch GETs that one, as Pages would.
func (p *PageCursor) BatchURL() (rel string, ok bool) {
	rest, ok := strings.CutPrefix(p.next, p.c.base+"/")
	if !ok || strings.Contains(rest, "#") {
		return "", false
	}
	return "/" + rest, true
}

// Fetch GETs the next page; the error names the page.
func (p *PageCursor) Fetch(ctx context.Context) (page *Page, link string, err error) {
	page, link, err = p.c.fetchPage(ctx, p.next)
	if err != nil {
		return nil, "", p.PageError(err)
	}
	page.More = link != ""
	return page, link, nil
}

// PageError names err as the next page's: "page N: …".
func (p *PageCursor) PageError(err error) error { return fmt.Errorf("page %d: %w", p.n, err) }

// Advance moves past the page just fetched, whose @odata.nextLink is link ("" at the end),
// checking the link as Pages does: a relative link is resolved against the page, a link to
// another host is refused.
func (p *PageCursor) Advance(page *Page, link string) error {
	if p.empty++; len(page.Items) > 0 {
		p.empty = 0
	}
	n, current := p.n, p.next
	p.n, p.next = p.n+1, ""
	if link == "" {
		return nil
	}
	next, err := p.c.nextURL(current, link)
	if err != nil {
		return fmt.Errorf("next link of page %d: %w", n, err)
	}
	p.next = next
	return nil
}
