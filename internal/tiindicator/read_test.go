package tiindicator

import (
	"errors"
	"strings"
	"testing"
)

type rec struct {
	line int
	json string
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, in string
		want     []rec
	}{
		{"array", "[\n {\"domainName\": \"a.com\"},\n {\"url\": \"http://b/?x=1&y=2\"}\n]\n",
			[]rec{{2, `{"domainName": "a.com"}`}, {3, `{"url": "http://b/?x=1&y=2"}`}}},
		{"array on one line", `[{"a":1},{"b":2}]`, []rec{{1, `{"a":1}`}, {1, `{"b":2}`}}},
		{"array with BOM and blank lines", "\xef\xbb\xbf\n\n[\n\n{\"a\":1}\n,\n{\"b\":2}]",
			[]rec{{5, `{"a":1}`}, {7, `{"b":2}`}}},
		{"jsonl", "{\"domainName\":\"a.com\"}\n{\"domainName\":\"b.com\"}\n\n{\"networkIPv4\":\"1.2.3.4\"}\n",
			[]rec{{1, `{"domainName":"a.com"}`}, {2, `{"domainName":"b.com"}`}, {4, `{"networkIPv4":"1.2.3.4"}`}}},
		{"pretty objects", "{\n \"a\": 1\n}\n{\n \"b\": 2\n}\n", []rec{{1, "{\n \"a\": 1\n}"}, {4, "{\n \"b\": 2\n}"}}},
		{"submit body unwrapped", "{\n \"value\": [\n  {\"a\": 1},\n  {\"b\": 2}\n ]\n}\n",
			[]rec{{3, `{"a": 1}`}, {4, `{"b": 2}`}}},
		{"escaped value key is one record", `{"\u0076alue": [{"a":1}]}`, []rec{{1, `{"\u0076alue": [{"a":1}]}`}}},
		{"object with a non-array value is one record", `{"value": "x"}`, []rec{{1, `{"value": "x"}`}}},
		{"object with value and more is one record", `{"value": [1], "domainName": "a.com"}`,
			[]rec{{1, `{"value": [1], "domainName": "a.com"}`}}},
		{"csv", "domainName,action,tags,confidence,isActive,description\r\nevil.com,block,\"[\"\"x\"\",\"\"y\"\"]\",80,true,\"a, b\"\nb.com,,solo,,,\n",
			[]rec{
				{2, `{"domainName":"evil.com","action":"block","tags":["x","y"],"confidence":80,"isActive":true,"description":"a, b"}`},
				{3, `{"domainName":"b.com","tags":["solo"]}`},
			}},
		{"csv quoted newline keeps line numbers", "description,domainName\n\"two\nlines\",a.com\nx,b.com\n",
			[]rec{{2, "{\"description\":\"two\\nlines\",\"domainName\":\"a.com\"}"}, {4, `{"description":"x","domainName":"b.com"}`}}},
		{"csv url not escaped", "url\nhttp://e.com/?a=1&b=<2>\n", []rec{{2, `{"url":"http://e.com/?a=1&b=<2>"}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d: %+v", len(recs), len(tt.want), recs)
			}
			for i, r := range recs {
				if r.N != i+1 || r.Line != tt.want[i].line || string(r.JSON) != tt.want[i].json {
					t.Errorf("record %d = {N:%d Line:%d JSON:%s}, want line %d JSON %s", i, r.N, r.Line, r.JSON, tt.want[i].line, tt.want[i].json)
				}
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ErrEmpty.Error()},
		{"blank", " \n\t\n", ErrEmpty.Error()},
		{"empty array", "[]", ErrEmpty.Error()},
		{"csv header only", "domainName\n", ErrEmpty.Error()},
		{"array element not object", "[\n{\"a\":1},\n\"evil.com\"\n]", "record 2 (line 3): not a JSON object"},
		{"jsonl bad line", "{\"a\":1}\n{\"a\":2\n", "record 2: unexpected end of input"},
		{"jsonl syntax", "{\"a\":1}\n{\"a\" 2}\n", "record 2: line 2: invalid JSON"},
		{"jsonl not object", "{\"a\":1}\n[1]\n", "record 2 (line 2): not a JSON object"},
		{"trailing comma like the docs' example", "[\n{\"a\":1,\n}\n]", "record 1: line 3: invalid JSON"},
		{"text after array", "[{\"a\":1}]\n]", "line 2: unexpected text after the array"},
		{"unclosed array", "[{\"a\":1}", "the array: unexpected end of input"},
		{"submit body with a bad element", "\n{\"value\": [\n {\"a\":1},\n \"evil.com\"\n]}", "record 2 (line 4): not a JSON object"},
		{"submit body syntax error names the line", "{\"value\": [\n{\"a\":1,\n}\n]}", "record 1: line 3: invalid JSON"},
		{"csv unknown column", "domainName,actoin\na,b\n", `CSV header: column 2 "actoin" is not a tiIndicator property`},
		{"csv duplicate column", "url,url\na,b\n", `CSV header: column 2 "url" appears twice`},
		{"csv short row", "domainName,action\na.com\n", "wrong number of fields"},
		{"csv bad number", "domainName,confidence\na.com,high\n", `record 1 (line 2): column "confidence": "high" is not a whole number`},
		{"csv bad bool", "domainName,passiveOnly\na.com,yes\n", `record 1 (line 2): column "passiveOnly": "yes" is not true or false`},
		{"csv bad array", "domainName,tags\na.com,\"[1,2]\"\n", `record 1 (line 2): column "tags": want a JSON array of strings`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Read error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	_, err := Read(strings.NewReader(strings.Repeat(" ", MaxInput+1)))
	if err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("err = %v", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadIOError(t *testing.T) {
	_, err := Read(failingReader{})
	if err == nil || err.Error() != "read indicators: disk on fire" {
		t.Fatalf("err = %v", err)
	}
}
