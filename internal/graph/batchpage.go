package graph

import "net/url"

// DecodePage reads one collection page that came as the body of a $batch answer; next is
// its @odata.nextLink ("" for the last page). It is what Pages yields for a page it GETs.
func DecodePage(body []byte) (page *Page, next string, err error) {
	page, next, err = decodePageBytes(body)
	if err != nil {
		return nil, "", err
	}
	page.More = next != ""
	return page, next, nil
}

// RelativeURL is path with q as the client encodes it (OData's $ options unescaped), for
// a $batch item, relative to the version root as TIPath gives it.
func RelativeURL(path string, q url.Values) string {
	if enc := encodeQuery(q); enc != "" {
		return path + "?" + enc
	}
	return path
}

// AfterFirstPage says page 1 was fetched some other way (in a $batch, from firstURL,
// relative to the version root) and the iteration starts at page 2 from the path Pages is
// given, page 1's nextLink: errors and MaxPages count from 2, and a link back to page 1
// is a loop, as if Pages had fetched it.
func AfterFirstPage(firstURL string) PageOption {
	return func(c *pageConfig) { c.firstURL = firstURL }
}
