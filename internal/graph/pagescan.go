package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// decodePageBytes splits a collection page held in memory. The page is validated once,
// then walked with a small scanner that only tracks strings and nesting: items become
// sub-slices of the body, compacted only when they hold white space outside strings.
// A page is at most a few thousand records, so holding it whole costs little, and this
// path carries million-record histories.
func decodePageBytes(body []byte) (*Page, string, error) {
	if !json.Valid(body) {
		var v any
		return nil, "", decodeErr(json.Unmarshal(body, &v)) // the decoder's error says where
	}
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return nil, "", fmt.Errorf("%w: expected a JSON object", errDecode)
	}
	page, next, sawValue := &Page{}, "", false
	for i = skipSpace(body, i+1); i < len(body) && body[i] != '}'; i = skipSpace(body, i) {
		keyEnd := endOfValue(body, i)
		var key string
		if err := json.Unmarshal(body[i:keyEnd], &key); err != nil {
			return nil, "", decodeErr(err)
		}
		start := skipSpace(body, skipSpace(body, keyEnd)+1) // past the colon
		end := endOfValue(body, start)
		if err := page.member(key, body[start:end], &next, &sawValue); err != nil {
			return nil, "", err
		}
		if i = skipSpace(body, end); i < len(body) && body[i] == ',' {
			i++
		}
	}
	if !sawValue {
		return nil, "", fmt.Errorf("%w: not a collection (no \"value\" array)", errDecode)
	}
	return page, next, nil
}

// member takes one top-level member of a page.
func (p *Page) member(key string, val []byte, next *string, sawValue *bool) error {
	switch key {
	case "value":
		*sawValue = true
		p.Items = p.Items[:0] // a repeated member: the last one counts, as in encoding/json
		return p.splitItems(val)
	case "@odata.nextLink":
		return decodeErr(json.Unmarshal(val, next))
	case "@odata.count":
		n, err := parseCount(val)
		p.Count = n
		return err
	}
	return nil
}

// parseCount reads @odata.count, a number or (IEEE754Compatible=true) a string.
func parseCount(raw []byte) (*int64, error) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: @odata.count %s", errDecode, raw)
	}
	return &n, nil
}

// splitItems cuts a JSON array into its elements.
func (p *Page) splitItems(arr []byte) error {
	if string(arr) == "null" {
		return nil // "value": null, seen from proxies; treat as empty
	}
	if len(arr) == 0 || arr[0] != '[' {
		return fmt.Errorf("%w: \"value\" is not an array", errDecode)
	}
	for i := skipSpace(arr, 1); i < len(arr) && arr[i] != ']'; {
		end := endOfValue(arr, i)
		item, err := compactItem(arr[i:end])
		if err != nil {
			return err
		}
		p.Items = append(p.Items, item)
		if i = skipSpace(arr, end); i < len(arr) && arr[i] == ',' {
			i = skipSpace(arr, i+1)
		}
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// endOfValue returns the index just past the JSON value starting at b[i]; b is known valid.
func endOfValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return endOfString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = endOfString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}

// endOfString returns the index just past the string whose opening quote is b[i].
func endOfString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// hasOuterSpace reports white space outside strings: only then does an item need compacting.
func hasOuterSpace(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			i = endOfString(b, i) - 1
		case ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// decodePage reads a whole page body, bounded, and splits it.
func decodePage(r io.Reader) (*Page, string, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxResponseBody+1))
	if err != nil {
		return nil, "", err
	}
	if len(body) > maxResponseBody {
		return nil, "", fmt.Errorf("%w: page larger than %d MiB", errDecode, maxResponseBody>>20)
	}
	return decodePageBytes(body)
}
