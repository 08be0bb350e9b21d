package tiindicator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestChunks(t *testing.T) {
	seq := func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s
	}
	tests := []struct {
		n, size int
		want    []int // chunk lengths
	}{
		{0, 100, nil},
		{1, 100, []int{1}},
		{99, 100, []int{99}},
		{100, 100, []int{100}},
		{101, 100, []int{100, 1}},
		{250, 100, []int{100, 100, 50}},
		{3, 0, []int{1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d by %d", tt.n, tt.size), func(t *testing.T) {
			chunks := Chunks(seq(tt.n), tt.size)
			var lens []int
			next := 0
			for _, c := range chunks {
				lens = append(lens, len(c))
				for _, v := range c {
					if v != next {
						t.Fatalf("chunks out of order: got %d, want %d", v, next)
					}
					next++
				}
			}
			if !reflect.DeepEqual(lens, tt.want) {
				t.Errorf("chunk lengths = %v, want %v", lens, tt.want)
			}
		})
	}
	// Appending to a chunk must not overwrite the next one.
	items := seq(4)
	c := Chunks(items, 2)
	_ = append(c[0], 99)
	if items[2] != 2 {
		t.Errorf("append to a chunk overwrote the next: %v", items)
	}
	if MaxPerRequest != 100 {
		t.Errorf("MaxPerRequest = %d", MaxPerRequest)
	}
}

func TestParseBulk(t *testing.T) {
	two := []Sent{{ExternalID: "x1"}, {ExternalID: "x2"}}
	ids := []Sent{{ID: "id-value1"}, {ID: "id-value2"}}
	tests := []struct {
		name   string
		status int
		body   string
		sent   []Sent
		want   []Outcome
		stray  []Outcome
	}{
		{"submit 200 as documented (shortened to one element)", 200,
			`{"value":[{"@odata.type":"#microsoft.graph.tiIndicator","id":"c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4","azureTenantId":"XXXXXXXXXXXXXXXXXXXXX","action":null}]}`,
			two, []Outcome{
				{Index: 0, Status: StatusOK, ExternalID: "x1"},
				{Index: 1, Status: StatusOK, ExternalID: "x2"},
			}, []Outcome{{Index: -1, Status: StatusOK, ID: "c6fb948b-89c5-3bba-a2cd-a9d9a1e430e4"}}},
		{"submit 200 matched by position", 200,
			`{"value":[{"id":"a","externalId":""},{"id":"b"}]}`, []Sent{{}, {}}, []Outcome{
				{Index: 0, Status: StatusOK, ID: "a"}, {Index: 1, Status: StatusOK, ID: "b"},
			}, nil},
		{"submit 200 matched by externalId out of order", 200,
			`{"value":[{"id":"b","externalId":"x2"},{"id":"a","externalId":"x1"}]}`, two, []Outcome{
				{Index: 0, Status: StatusOK, ID: "a", ExternalID: "x1"}, {Index: 1, Status: StatusOK, ID: "b", ExternalID: "x2"},
			}, nil},
		{"206 with an error object per failed item", 206,
			`{"value":[{"id":"a","externalId":"x1"},{"externalId":"x2","error":{"code":"BadRequest","message":"Invalid tlpLevel"}}]}`, two, []Outcome{
				{Index: 0, Status: StatusOK, ID: "a", ExternalID: "x1"},
				{Index: 1, Status: StatusFailed, ExternalID: "x2", Code: "BadRequest", Message: "Invalid tlpLevel"},
			}, nil},
		{"206 naming only the failure", 206,
			`{"value":[{"externalId":"x2","error":{"code":"InternalServerError","message":"provider timed out"}}]}`, two, []Outcome{
				{Index: 0, Status: StatusUnknown, ExternalID: "x1", Message: "partial success: Graph gave no result for this item"},
				{Index: 1, Status: StatusFailed, ExternalID: "x2", Code: "InternalServerError", Message: "provider timed out"},
			}, nil},
		{"206 with an empty body", 206, ``, two, []Outcome{
			{Index: 0, Status: StatusUnknown, ExternalID: "x1", Message: "partial success: Graph gave no result for this item"},
			{Index: 1, Status: StatusUnknown, ExternalID: "x2", Message: "partial success: Graph gave no result for this item"},
		}, nil},
		{"delete 200 as documented: one resultInfo with placeholder strings for two ids", 200,
			`{"value":[{"code":"code-value","message":"message-value","subCode":"subCode-value"}]}`, ids, []Outcome{
				{Index: 0, Status: StatusOK, ID: "id-value1"},
				{Index: 1, Status: StatusOK, ID: "id-value2"},
			}, []Outcome{{Index: -1, Status: StatusOK, Code: "code-value/subCode-value", Message: "message-value"}}},
		{"resultInfo placeholder under 206 failed", 206,
			`{"value":[{"code":"code-value","message":"message-value"}]}`, ids[:1], []Outcome{
				{Index: 0, Status: StatusFailed, Code: "code-value", Message: "message-value"},
			}, nil},
		{"206 failure that names no item is stray", 206,
			`{"value":[{"error":{"code":"Forbidden","message":"provider 4 not licensed"}}]}`, ids, []Outcome{
				{Index: 0, Status: StatusUnknown, ID: "id-value1", Message: "partial success: Graph gave no result for this item"},
				{Index: 1, Status: StatusUnknown, ID: "id-value2", Message: "partial success: Graph gave no result for this item"},
			}, []Outcome{{Index: -1, Status: StatusFailed, Code: "Forbidden", Message: "provider 4 not licensed"}}},
		{"delete resultInfo as the resource types it", 206,
			`{"value":[{"code":0,"message":"","subcode":0},{"code":404,"message":"not found","subcode":1}]}`, ids, []Outcome{
				{Index: 0, Status: StatusOK, Code: "0/0"},
				{Index: 1, Status: StatusFailed, Code: "404/1", Message: "not found"},
			}, nil},
		{"resultInfo 204 is success", 200, `{"value":[{"code":"204"}]}`, ids[:1], []Outcome{{Index: 0, Status: StatusOK, Code: "204"}}, nil},
		{"update matched by id", 206,
			`{"value":[{"id":"id-value2","additionalInformation":"x"},{"id":"id-value1","error":{"code":"NotFound","message":"gone"}}]}`, ids, []Outcome{
				{Index: 0, Status: StatusFailed, ID: "id-value1", Code: "NotFound", Message: "gone"},
				{Index: 1, Status: StatusOK, ID: "id-value2"},
			}, nil},
		{"unreadable element", 206, `{"value":["oops",{"id":"b"}]}`, []Sent{{}, {}}, []Outcome{
			{Index: 0, Status: StatusFailed, Message: `unreadable result: "oops"`},
			{Index: 1, Status: StatusOK, ID: "b"},
		}, nil},
		{"more results than sent are stray", 200, `{"value":[{"id":"a"},{"id":"b"}]}`, []Sent{{ID: "b"}}, []Outcome{
			{Index: 0, Status: StatusOK, ID: "b"},
		}, []Outcome{{Index: -1, Status: StatusOK, ID: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBulk(tt.status, []byte(tt.body), tt.sent)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Items, tt.want) {
				t.Errorf("items:\n got %+v\nwant %+v", got.Items, tt.want)
			}
			if !reflect.DeepEqual(got.Stray, tt.stray) {
				t.Errorf("stray:\n got %+v\nwant %+v", got.Stray, tt.stray)
			}
		})
	}
}

func TestParseBulkErrors(t *testing.T) {
	tests := []struct {
		status int
		body   string
		want   string
	}{
		{400, `{"error":{}}`, "bulk action answered HTTP 400, not 200 or 206"},
		{201, `{}`, "bulk action answered HTTP 201"},
		{200, `{"value":`, "decode bulk action response"},
		{206, `[1]`, "decode bulk action response"},
	}
	for _, tt := range tests {
		_, err := ParseBulk(tt.status, []byte(tt.body), []Sent{{}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseBulk(%d, %s) = %v, want %q", tt.status, tt.body, err, tt.want)
		}
	}
}

func TestBulkBody(t *testing.T) {
	recs, err := Read(strings.NewReader("{\"url\": \"http://e.com/?a=1&b=<2>\",\n \"tags\": [] }\n{\"domainName\":\"x.com\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var raws []json.RawMessage
	for _, r := range recs {
		raws = append(raws, r.JSON)
	}
	tests := []struct {
		name string
		body func() ([]byte, error)
		want string
	}{
		{"records", func() ([]byte, error) { return BulkBody(raws) }, `{"value":[{"url":"http://e.com/?a=1&b=<2>","tags":[]},{"domainName":"x.com"}]}`},
		{"ids", func() ([]byte, error) { return BulkBody([]string{"id-value1", "id-value2"}) }, `{"value":["id-value1","id-value2"]}`},
		{"none", func() ([]byte, error) { return BulkBody[string](nil) }, `{"value":[]}`},
		{"built", func() ([]byte, error) { return BulkBody([]Indicator{{DomainName: "a.com", Action: "block"}}) }, `{"value":[{"action":"block","domainName":"a.com"}]}`},
	}
	for _, tt := range tests {
		got, err := tt.body()
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: BulkBody = %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
}
