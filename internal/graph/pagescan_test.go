package graph

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestDecodePageBytesEdgeCases(t *testing.T) {
	body := `{
	  "@odata.context": "x",
	  "@odata.count": "3",
	  "value": [
	    {"id": "a \"quoted\" ] } [ {", "n": [1, [2, {"x": "y"}]]},
	    {"id":"b","s":"tab\tand\\\\"} ,
	    {}
	  ],
	  "@odata.nextLink": "https://graph.microsoft.com/v1.0/next?$skip=3"
	}`
	page, next, err := decodePageBytes([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`{"id":"a \"quoted\" ] } [ {","n":[1,[2,{"x":"y"}]]}`, `{"id":"b","s":"tab\tand\\\\"}`, `{}`}
	if len(page.Items) != len(want) {
		t.Fatalf("items = %q", page.Items)
	}
	for i, w := range want {
		if string(page.Items[i]) != w {
			t.Errorf("item %d = %s, want %s", i, page.Items[i], w)
		}
	}
	if page.Count == nil || *page.Count != 3 || next != "https://graph.microsoft.com/v1.0/next?$skip=3" {
		t.Errorf("count %v next %q", page.Count, next)
	}
}

func TestDecodePageBytesRejects(t *testing.T) {
	for _, body := range []string{``, `[]`, `{"value":[1,2]`, `{"value":{}}`, `{"other":1}`, `{"value":[]} trailing`, `<html>`} {
		if _, _, err := decodePageBytes([]byte(body)); err == nil {
			t.Errorf("decodePageBytes(%q) accepted", body)
		}
	}
	page, _, err := decodePageBytes([]byte(`{"value":null}`))
	if err != nil || len(page.Items) != 0 {
		t.Errorf("value null: %v %v", page, err)
	}
}

// FuzzDecodePage checks the scanner against encoding/json: for any valid page, the items
// are exactly the array's elements, compacted.
func FuzzDecodePage(f *testing.F) {
	for _, s := range []string{`{"value":[{"a":1},{"b":"]"}]}`, `{"value":[ "x" , 1, null, [ ] ]}`, `{"value":[{"s":"\"\\"}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var ref struct {
			Value []json.RawMessage `json:"value"`
		}
		page, _, err := decodePageBytes([]byte(body))
		refErr := json.Unmarshal([]byte(body), &ref)
		if err != nil {
			return // stricter than encoding/json is fine (e.g. a missing "value")
		}
		if refErr != nil {
			t.Fatalf("accepted %q that encoding/json rejects: %v", body, refErr)
		}
		if len(page.Items) != len(ref.Value) {
			t.Fatalf("%q: %d items, encoding/json sees %d", body, len(page.Items), len(ref.Value))
		}
		for i, raw := range ref.Value {
			var c bytes.Buffer
			json.Compact(&c, raw)
			if !strings.Contains(c.String(), "@odata.") && c.String() != string(page.Items[i]) {
				t.Fatalf("%q: item %d = %s, want %s", body, i, page.Items[i], c.String())
			}
		}
	})
}

func TestDecodePageRepeatedValueLastWins(t *testing.T) {
	page, _, err := decodePageBytes([]byte(`{"value":[1,2],"value":[3]}`))
	if err != nil || len(page.Items) != 1 || string(page.Items[0]) != "3" {
		t.Fatalf("items %q err %v", page.Items, err)
	}
}
