package indicator

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// EncodingError says that an input file is not UTF-8 text. Windows PowerShell's Out-File
// and ">" write UTF-16 with a byte-order mark, which would fail on every line.
type EncodingError struct {
	Encoding string // "UTF-16" or "UTF-32"
}

func (e *EncodingError) Error() string {
	if e.Encoding == "UTF-16" {
		return "the file is UTF-16 (PowerShell Out-File writes it): convert it to UTF-8, e.g. with Out-File -Encoding utf8"
	}
	return fmt.Sprintf("the file is %s: convert it to UTF-8", e.Encoding)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// CheckEncoding looks at the first bytes of an input stream (four are enough). It returns
// how many bytes to skip (a UTF-8 byte-order mark), or an *EncodingError for UTF-16 and
// UTF-32, whether marked by a BOM or betrayed by the NUL bytes of ASCII text.
func CheckEncoding(prefix []byte) (skip int, err error) {
	switch {
	case bytes.HasPrefix(prefix, bomUTF8):
		return len(bomUTF8), nil
	case bytes.HasPrefix(prefix, bomUTF32LE), bytes.HasPrefix(prefix, bomUTF32BE):
		return 0, &EncodingError{Encoding: "UTF-32"}
	case bytes.HasPrefix(prefix, bomUTF16LE), bytes.HasPrefix(prefix, bomUTF16BE):
		return 0, &EncodingError{Encoding: "UTF-16"}
	case len(prefix) >= 4 && (prefix[0] != 0 && prefix[1] == 0 && prefix[2] == 0 && prefix[3] == 0 ||
		prefix[0] == 0 && prefix[1] == 0 && prefix[2] == 0 && prefix[3] != 0):
		return 0, &EncodingError{Encoding: "UTF-32"}
	case len(prefix) >= 2 && (prefix[0] == 0) != (prefix[1] == 0):
		return 0, &EncodingError{Encoding: "UTF-16"}
	}
	return 0, nil
}

// TextReader returns r without a leading UTF-8 byte-order mark, or an *EncodingError when
// r holds UTF-16 or UTF-32 text.
func TextReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	prefix, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, err
	}
	skip, err := CheckEncoding(prefix)
	if err != nil {
		return nil, err
	}
	if _, err := br.Discard(skip); err != nil {
		return nil, err
	}
	return br, nil
}
