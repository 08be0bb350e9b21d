package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
)

// Page is one page of a collection.
type Page struct {
	// Items are compact JSON objects (one line each) without @odata
	// annotations other than @odata.type.
	Items []json.RawMessage
	// Count is @odata.count when the server sent it ($count=true).
	Count *int64
	// More says an @odata.nextLink followed this page: the collection goes on.
	More bool
}

// Pages iterates a collection page by page. The next page is fetched only
// when the loop asks for it, so breaking early costs nothing more. An error
// ends the iteration; it names the page it came from.
//
// A hostile or broken server cannot keep it going for ever: it stops after
// maxEmptyPages empty pages in a row (ErrEmptyPages), after MaxPages pages
// (ErrTooManyPages; defaultMaxPages unless the caller says), and on a nextLink
// back to a page already fetched (ErrNextLinkLoop), detected in bounded memory.
func (c *Client) Pages(ctx context.Context, path string, q url.Values, opts ...PageOption) iter.Seq2[*Page, error] {
	return func(yield func(*Page, error) bool) {
		p, err := c.newCursor(path, q, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		for !p.Done() {
			if err := p.Check(); err != nil {
				yield(nil, err)
				return
			}
			page, link, err := p.Fetch(ctx)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) {
				return
			}
			if err := p.Advance(page, link); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// nextURL checks a nextLink before it is followed. Graph sends absolute
// links, used verbatim; a relative one is resolved against the current page.
func (c *Client) nextURL(current, link string) (string, error) {
	if !isAbsoluteURL(link) {
		base, err := url.Parse(current)
		ref, rerr := url.Parse(link)
		if err != nil || rerr != nil {
			return "", fmt.Errorf("%w: bad @odata.nextLink %q", errDecode, link)
		}
		link = base.ResolveReference(ref).String()
	}
	return link, c.checkOrigin(link)
}

// fetchPage GETs one page, decoding it as it streams in.
func (c *Client) fetchPage(ctx context.Context, u string) (*Page, string, error) {
	var page *Page
	var next string
	r := &request{method: http.MethodGet, url: u, consume: func(body io.Reader) error {
		// Reset per attempt: a retried attempt starts from scratch.
		var err error
		page, next, err = decodePage(body)
		return err
	}}
	if _, err := c.send(ctx, r); err != nil {
		return nil, "", err
	}
	return page, next, nil
}

// decodeErr marks syntax errors and empty bodies as permanent; read errors (connection reset,
// timeout) stay as they are so that the retry loop may try again.
func decodeErr(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) || err == io.EOF {
		return fmt.Errorf("%w: %w", errDecode, err)
	}
	return err
}
