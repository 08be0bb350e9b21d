package emulator

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// decodeBody undoes Content-Encoding: gzip on a request body and removes the header, so every
// handler sees plain bytes. A body that does not decompress is kept as sent: the handler
// then answers 400 for it as for any other malformed body.
func decodeBody(r *http.Request, body []byte) []byte {
	if !strings.EqualFold(strings.TrimSpace(r.Header.Get("Content-Encoding")), "gzip") {
		return body
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body
	}
	plain, err := io.ReadAll(io.LimitReader(zr, maxBodyBytes))
	if err != nil {
		return body
	}
	r.Header.Del("Content-Encoding")
	r.ContentLength = int64(len(plain))
	r.Header.Set("Content-Length", strconv.Itoa(len(plain)))
	return plain
}
