package indicator

import (
	"errors"
	"io"
	"strings"
	"testing"
)

const utf16Message = "the file is UTF-16 (PowerShell Out-File writes it): convert it to UTF-8, e.g. with Out-File -Encoding utf8"

func TestCheckEncoding(t *testing.T) {
	tests := []struct {
		name, prefix string
		skip         int
		err          string
	}{
		{"utf-8 BOM", "\xef\xbb\xbfa.com", 3, ""},
		{"utf-8", "a.co", 0, ""},
		{"empty", "", 0, ""},
		{"one byte", "a", 0, ""},
		{"part of a utf-8 BOM", "\xef\xbb", 0, ""},
		{"utf-8 non-ASCII", "bü", 0, ""},
		{"utf-16le BOM", "\xff\xfea\x00", 0, utf16Message},
		{"utf-16be BOM", "\xfe\xff\x00a", 0, utf16Message},
		{"utf-16le BOM alone", "\xff\xfe", 0, utf16Message},
		{"utf-16le without BOM", "a\x00.\x00", 0, utf16Message},
		{"utf-16be without BOM", "\x00a\x00.", 0, utf16Message},
		{"utf-32le BOM", "\xff\xfe\x00\x00", 0, "the file is UTF-32: convert it to UTF-8"},
		{"utf-32be BOM", "\x00\x00\xfe\xff", 0, "the file is UTF-32: convert it to UTF-8"},
		{"utf-32le without BOM", "a\x00\x00\x00", 0, "the file is UTF-32: convert it to UTF-8"},
		{"utf-32be without BOM", "\x00\x00\x00a", 0, "the file is UTF-32: convert it to UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skip, err := CheckEncoding([]byte(tt.prefix))
			got := ""
			if err != nil {
				got = err.Error()
				var encErr *EncodingError
				if !errors.As(err, &encErr) {
					t.Errorf("error %T is no *EncodingError", err)
				}
			}
			if skip != tt.skip || got != tt.err {
				t.Errorf("CheckEncoding(%q) = %d, %q; want %d, %q", tt.prefix, skip, got, tt.skip, tt.err)
			}
		})
	}
}

func TestTextReader(t *testing.T) {
	tests := []struct{ name, in, want, err string }{
		{"BOM stripped", "\xef\xbb\xbfa.com\nb.com\n", "a.com\nb.com\n", ""},
		{"plain", "a.com\n", "a.com\n", ""},
		{"short", "a", "a", ""},
		{"empty", "", "", ""},
		{"only a BOM", "\xef\xbb\xbf", "", ""},
		{"utf-16", "\xff\xfea\x00.\x00c\x00o\x00m\x00", "", utf16Message},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := TextReader(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("TextReader(%q) error %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("TextReader(%q): %v", tt.in, err)
			}
			got, err := io.ReadAll(r)
			if err != nil || string(got) != tt.want {
				t.Errorf("TextReader(%q) reads %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestTextReaderPassesReadErrors(t *testing.T) {
	if _, err := TextReader(failingReader{}); err == nil || err.Error() != "disk on fire" {
		t.Errorf("TextReader error %v, want the read error", err)
	}
}
