package hunt

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/graph"
)

func TestCellTextFollowsTheSchemaType(t *testing.T) {
	tests := []struct {
		name, typ, value string // value is a JSON literal
		tty              bool
		want             string
	}{
		{"date on a terminal, to the second in UTC", "DateTime", `"2024-03-26T09:39:50.7688641Z"`, true, "2024-03-26T09:39:50Z"},
		{"date from another zone, on a terminal", "datetime", `"2024-03-26T11:39:50+02:00"`, true, "2024-03-26T09:39:50Z"},
		{"date piped keeps Graph's text", "DateTime", `"2024-03-26T09:39:50.7688641Z"`, false, "2024-03-26T09:39:50.7688641Z"},
		{"a placeholder where a date should be", "DateTime", `"String (timestamp)"`, true, "String (timestamp)"},
		{"Int64 as a number", "Int64", `30000`, true, "30000"},
		{"a long past float64 precision keeps its digits", "long", `9007199254740993`, false, "9007199254740993"},
		{"Int64 sent as a string", "Int64", `"30000"`, true, "30000"},
		{"Double", "Double", `0.25`, true, "0.25"},
		{"Boolean", "Boolean", `true`, true, "true"},
		{"Boolean sent as a string", "Boolean", `"False"`, true, "false"},
		{"Dynamic array of objects", "Dynamic", `[{"UserName":"kaic","Sid":"S-1"}]`, true, `[{"Sid":"S-1","UserName":"kaic"}]`},
		{"Dynamic array of strings", "Dynamic", `["a.com","b.com"]`, false, `["a.com","b.com"]`},
		{"Dynamic sent as JSON text is compacted", "Dynamic", `"{ \"a\": [1, 2] }"`, true, `{"a":[1,2]}`},
		{"Dynamic text that is not JSON", "Dynamic", `"{not json"`, true, "{not json"},
		{"no HTML escaping in nested JSON", "Dynamic", `{"q":"a > b & c"}`, true, `{"q":"a > b & c"}`},
		{"null", "String", `null`, true, ""},
		{"String", "String", `"powershell.exe"`, true, "powershell.exe"},
		{"unknown type shows strings as they are", "Guid", `"7e3a9c00"`, true, "7e3a9c00"},
		{"an object in a String column", "String", `{"a":1}`, true, `{"a":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			dec := json.NewDecoder(strings.NewReader(tt.value))
			dec.UseNumber() // as render.Object holds numbers
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			if got := cellText(v, kindOf(tt.typ), tt.tty); got != tt.want {
				t.Errorf("cellText(%s as %s) = %q, want %q", tt.value, tt.typ, got, tt.want)
			}
		})
	}
}

func TestSchemaOfRowsWithoutSchema(t *testing.T) {
	res := &graph.HuntingResults{Results: []json.RawMessage{json.RawMessage(`{"b":{"x":1},"a":[1],"c":null}`)}}
	got := schemaOf(res)
	if len(got) != 3 || got[0].Name != "b" || got[1].Name != "a" || got[2].Name != "c" {
		t.Errorf("schema %+v, want the row's keys in order", got)
	}
	res.Schema = []graph.HuntingColumn{{Name: "z", Type: "Int64"}}
	if got := schemaOf(res); len(got) != 1 || got[0].Name != "z" {
		t.Errorf("schema %+v, want Graph's", got)
	}
}
