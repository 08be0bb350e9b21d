package secops

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

type huntResult struct {
	Schema  []map[string]string `json:"schema"`
	Results []map[string]any    `json:"results"`
}

func hunt(t *testing.T, version, query string) huntResult {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"Query": query})
	status, resp := RunHuntingQuery(version, body, testNow)
	if status != http.StatusOK {
		t.Fatalf("%q: status %d, body %s", query, status, resp)
	}
	var r huntResult
	if err := json.Unmarshal(resp, &r); err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	return r
}

func schemaOf(r huntResult) string {
	var parts []string
	for _, c := range r.Schema {
		parts = append(parts, c["name"]+":"+c["type"])
	}
	return strings.Join(parts, ",")
}

func TestHuntOperators(t *testing.T) {
	tests := []struct {
		query  string
		schema string
		rows   int // -1: not checked
		check  func(t *testing.T, r huntResult)
	}{
		{query: "DeviceNetworkEvents | take 5", rows: 5,
			schema: "Timestamp:DateTime,DeviceId:String,DeviceName:String,ActionType:String,RemoteIP:String,RemotePort:Int32,RemoteUrl:String,LocalIP:String,LocalPort:Int32,Protocol:String,InitiatingProcessFileName:String,InitiatingProcessAccountName:String,ReportId:Int64"},
		{query: "EmailEvents | limit 3 | project Subject", schema: "Subject:String", rows: 3},
		{query: "DeviceInfo | project DeviceName, LoggedOnUsers, IsAzureADJoined | take 1", schema: "DeviceName:String,LoggedOnUsers:Dynamic,IsAzureADJoined:Boolean", rows: 1,
			check: func(t *testing.T, r huntResult) {
				if _, ok := r.Results[0]["LoggedOnUsers"].([]any); !ok {
					t.Errorf("Dynamic column is %T, want a JSON array", r.Results[0]["LoggedOnUsers"])
				}
				if _, ok := r.Results[0]["IsAzureADJoined"].(bool); !ok {
					t.Errorf("Boolean column is %T", r.Results[0]["IsAzureADJoined"])
				}
			}},
		{query: `DeviceInfo | where DeviceName == "ws-fin-014.corp.contoso.com" | project DeviceName`, schema: "DeviceName:String", rows: 30},
		{query: `DeviceInfo | where DeviceName == "WS-FIN-014.corp.contoso.com" | project DeviceName`, schema: "DeviceName:String", rows: 0},
		{query: `DeviceInfo | where DeviceName =~ "WS-FIN-014.corp.contoso.com" | project DeviceName`, schema: "DeviceName:String", rows: 30},
		{query: `DeviceInfo | where DeviceName != "ws-fin-014.corp.contoso.com" | summarize count()`, schema: "count_:Int64", rows: 1,
			check: func(t *testing.T, r huntResult) {
				if r.Results[0]["count_"] != 150.0 {
					t.Errorf("count_ = %v, want 150", r.Results[0]["count_"])
				}
			}},
		{query: `DeviceInfo | where DeviceName !~ "WS-FIN-014.corp.contoso.com" and IsAzureADJoined == true | summarize count() by DeviceName`, schema: "DeviceName:String,count_:Int64", rows: 4},
		{query: `DeviceInfo | where OSPlatform == "Windows11" and DeviceName contains "dev" | summarize count() by DeviceName, OSPlatform`, schema: "DeviceName:String,OSPlatform:String,count_:Int64", rows: 1},
		{query: "DeviceInfo | where Timestamp > ago(1d) | summarize count()", schema: "count_:Int64", rows: 1,
			check: func(t *testing.T, r huntResult) {
				if r.Results[0]["count_"] != float64(len(tenantDevices)) {
					t.Errorf("last day: %v rows, want one per device", r.Results[0]["count_"])
				}
			}},
		{query: "DeviceNetworkEvents | where RemotePort == 4444 | project RemotePort", schema: "RemotePort:Int32", rows: -1,
			check: func(t *testing.T, r huntResult) {
				if len(r.Results) == 0 {
					t.Errorf("no row has RemotePort 4444")
				}
				for _, row := range r.Results {
					if row["RemotePort"] != 4444.0 {
						t.Errorf("row %v passed the filter", row)
					}
				}
			}},
		{query: "DeviceNetworkEvents | order by ReportId asc | take 2 | project ReportId", schema: "ReportId:Int64", rows: 2,
			check: func(t *testing.T, r huntResult) {
				if r.Results[0]["ReportId"] != 10000.0 || r.Results[1]["ReportId"] != 10001.0 {
					t.Errorf("order asc: %v", r.Results)
				}
			}},
		{query: "DeviceNetworkEvents | sort by ReportId | take 1 | project ReportId", schema: "ReportId:Int64", rows: 1,
			check: func(t *testing.T, r huntResult) {
				if r.Results[0]["ReportId"].(float64) < 10100 {
					t.Errorf("sort by defaults to desc, got %v first", r.Results[0]["ReportId"])
				}
			}},
		{query: "EmailUrlInfo | summarize count() by UrlDomain | order by count_ desc, UrlDomain asc | take 3", schema: "UrlDomain:String,count_:Int64", rows: 3,
			check: func(t *testing.T, r huntResult) {
				a, b := r.Results[0], r.Results[1]
				if a["count_"].(float64) < b["count_"].(float64) || (a["count_"] == b["count_"] && a["UrlDomain"].(string) > b["UrlDomain"].(string)) {
					t.Errorf("not ordered: %v", r.Results)
				}
			}},
		{query: `EmailEvents | where Subject == 'Invoice overdue' and SenderFromDomain startswith "FAKE" | project Subject, SenderFromDomain`, schema: "Subject:String,SenderFromDomain:String", rows: -1,
			check: func(t *testing.T, r huntResult) {
				if len(r.Results) == 0 {
					t.Errorf("no invoice mail from fake-malicious.site")
				}
				for _, row := range r.Results {
					if row["Subject"] != "Invoice overdue" || !strings.HasPrefix(row["SenderFromDomain"].(string), "fake") {
						t.Errorf("row %v passed the filter", row)
					}
				}
			}},
		{query: `EmailUrlInfo | where Url has "FAKE-MALICIOUS.SITE" | summarize count() by UrlDomain`, schema: "UrlDomain:String,count_:Int64", rows: -1,
			check: func(t *testing.T, r huntResult) {
				for _, row := range r.Results {
					if !strings.HasSuffix(row["UrlDomain"].(string), "fake-malicious.site") {
						t.Errorf("row %v passed the filter", row)
					}
				}
				if len(r.Results) == 0 {
					t.Errorf("no URL on fake-malicious.site")
				}
			}},
		{query: "// a comment line\nDeviceProcessEvents\n| take 1 // trailing", rows: 1,
			schema: "Timestamp:DateTime,DeviceId:String,DeviceName:String,FileName:String,FolderPath:String,ProcessCommandLine:String,InitiatingProcessFileName:String,AccountName:String,ReportId:Int64"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := hunt(t, "v1.0", tt.query)
			if got := schemaOf(r); got != tt.schema {
				t.Errorf("schema\n got %s\nwant %s", got, tt.schema)
			}
			if tt.rows >= 0 { // -1: the check function judges the rows
				if len(r.Results) != tt.rows {
					t.Errorf("%d rows, want %d", len(r.Results), tt.rows)
				}
			}
			for _, row := range r.Results {
				if len(row) != len(r.Schema) {
					t.Errorf("row has %d columns, schema %d", len(row), len(r.Schema))
				}
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func TestHuntSchemaKeysAndContextByVersion(t *testing.T) {
	body := []byte(`{"query": "DeviceInfo | project DeviceName | take 1"}`)
	_, v1 := RunHuntingQuery("v1.0", body, testNow)
	_, beta := RunHuntingQuery("beta", []byte(`{"Query": "DeviceInfo | project DeviceName | take 1"}`), testNow)
	wantV1 := `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults","schema":[{"name":"DeviceName","type":"String"}],"results":[{"DeviceName":"ws-fin-014.corp.contoso.com"}]}`
	wantBeta := `{"schema":[{"Name":"DeviceName","Type":"String"}],"results":[{"DeviceName":"ws-fin-014.corp.contoso.com"}]}`
	if string(v1) != wantV1 {
		t.Errorf("v1.0:\n got %s\nwant %s", v1, wantV1)
	}
	if string(beta) != wantBeta {
		t.Errorf("beta:\n got %s\nwant %s", beta, wantBeta)
	}
	if _, literal := RunHuntingQueryAs("v1.0", true, body, testNow); string(literal) != wantBeta {
		t.Errorf("v1.0 literal:\n got %s\nwant %s", literal, wantBeta)
	}
}

func TestHuntTimestampsAreGraphDateTimes(t *testing.T) {
	r := hunt(t, "v1.0", "EmailEvents | take 1 | project Timestamp")
	ts, err := time.Parse(time.RFC3339Nano, r.Results[0]["Timestamp"].(string))
	if err != nil || ts.After(testNow) || ts.Before(testNow.Add(-2*24*time.Hour)) {
		t.Errorf("newest EmailEvents Timestamp %v (%v), want within two days before now", r.Results[0]["Timestamp"], err)
	}
}

func TestHuntErrors(t *testing.T) {
	tests := []struct {
		body    string
		status  int
		code    string
		message string
	}{
		{`{"Query":"Nope | take 1"}`, 400, "BadRequest", "Failed to resolve table or column expression named 'Nope'"},
		{`{"Query":"DeviceInfo | where Foo == 1"}`, 400, "BadRequest", "'where' operator: Failed to resolve scalar expression named 'Foo'"},
		{`{"Query":"DeviceInfo | project DeviceName, Nope"}`, 400, "BadRequest", "'project' operator: Failed to resolve scalar expression named 'Nope'"},
		{`{"Query":"DeviceInfo | summarize count() by Nope"}`, 400, "BadRequest", "'summarize' operator: Failed to resolve scalar expression named 'Nope'"},
		{`{"Query":"DeviceInfo | order by Nope"}`, 400, "BadRequest", "'order' operator: Failed to resolve scalar expression named 'Nope'"},
		{`{"Query":"DeviceInfo | extend x = 1"}`, 400, "BadRequest", "Query could not be parsed at 'extend' on line [1,14]: the emulator runs only take, limit, where, project, summarize count() by, order by and sort by"},
		{`{"Query":"DeviceInfo | take"}`, 400, "BadRequest", "Query could not be parsed at '<EOF>' on line [1,18]"},
		{`{"Query":"DeviceInfo | take 5x"}`, 400, "BadRequest", "Query could not be parsed at '5x' on line [1,19]"},
		{`{"Query":"DeviceInfo\n| where DeviceName = \"x\""}`, 400, "BadRequest", "Query could not be parsed at '=' on line [2,20]"},
		{`{"Query":"DeviceInfo | where DeviceName == \"x"}`, 400, "BadRequest", "Query could not be parsed at '\"' on line [1,34]"},
		{`{"Query":"DeviceInfo | where DeviceName == \"a\" or DeviceName == \"b\""}`, 400, "BadRequest", "Query could not be parsed at 'or' on line [1,38]"},
		{`{"Query":"DeviceInfo take 5"}`, 400, "BadRequest", "Query could not be parsed at 'take' on line [1,12]"},
		{`{"Query":"DeviceInfo | where ReportId == \"x\""}`, 400, "BadRequest", "Cannot compare values of types long and string. Try adding explicit casts"},
		{`{"Query":"DeviceInfo | where ReportId contains \"1\""}`, 400, "BadRequest", "'where' operator: the operator 'contains' requires string arguments, got 'long'"},
		{`{"Query":"DeviceInfo | where DeviceName > \"a\""}`, 400, "BadRequest", "'where' operator: the operator '>' is not defined for type string"},
		{`{"Query":"DeviceInfo | order by LoggedOnUsers"}`, 400, "BadRequest", "'order' operator: cannot order by column 'LoggedOnUsers' of type dynamic"},
		{`{"Query":""}`, 400, "BadRequest", "The parameter 'Query' is required and must not be empty."},
		{`{}`, 400, "BadRequest", "The parameter 'Query' is required and must not be empty."},
		{`not json`, 400, "BadRequest", "The request body is not valid JSON."},
		{`{"Query":"DeviceInfo","Timespan":"last week"}`, 400, "BadRequest", "The timespan 'last week' is not valid. Use an ISO 8601 duration such as P30D, a date/time, or an interval such as 2024-02-01T08:00:00Z/P30D."},
		{`{"Query":"HeavyQuery | take 1"}`, 504, "UnknownError", ""},
		{`{"Query":"DeviceInfo | take 1 // mdti:fault=504"}`, 504, "UnknownError", ""},
		{`{"query":"// mdti:fault=500\nDeviceInfo"}`, 500, "UnknownError", ""},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			status, resp := RunHuntingQuery("v1.0", []byte(tt.body), testNow)
			var env struct {
				Error struct {
					Code, Message string
					InnerError    map[string]string `json:"innerError"`
				}
			}
			if err := json.Unmarshal(resp, &env); err != nil {
				t.Fatalf("not an error envelope: %s", resp)
			}
			if status != tt.status || env.Error.Code != tt.code || env.Error.Message != tt.message {
				t.Errorf("got %d %s %q\nwant %d %s %q", status, env.Error.Code, env.Error.Message, tt.status, tt.code, tt.message)
			}
			if env.Error.InnerError["date"] != "2026-11-30T07:00:00" || env.Error.InnerError["request-id"] == "" {
				t.Errorf("innerError = %v", env.Error.InnerError)
			}
		})
	}
}

func TestHuntTimespan(t *testing.T) {
	count := func(span string) float64 {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"Query": "DeviceNetworkEvents | summarize count()", "Timespan": span})
		status, resp := RunHuntingQuery("v1.0", body, testNow)
		if status != 200 {
			t.Fatalf("timespan %q: %d %s", span, status, resp)
		}
		var r huntResult
		json.Unmarshal(resp, &r)
		return r.Results[0]["count_"].(float64)
	}
	all := count("P90D")
	def := count("")
	day := count("P1D")
	if !(all == 240 && def < all && day < def && day > 0) {
		t.Errorf("P90D %v, default %v, P1D %v: want 240 > default (30 days) > P1D > 0", all, def, day)
	}
	if got := count("P30D"); got != def {
		t.Errorf("P30D = %v, default = %v", got, def)
	}
	weekEnd := testNow.Add(-7 * 24 * time.Hour).Format(time.RFC3339)
	weekStart := testNow.Add(-14 * 24 * time.Hour).Format(time.RFC3339)
	forms := []string{weekStart + "/" + weekEnd, "P7D/" + weekEnd, weekStart + "/P7D"}
	first := count(forms[0])
	for _, f := range forms[1:] {
		if got := count(f); got != first {
			t.Errorf("%s: %v rows, %s: %v", forms[0], first, f, got)
		}
	}
	if got, want := count(weekEnd), count("P7D"); got != want {
		t.Errorf("single start date: %v, P7D: %v", got, want)
	}
	if count("PT1H") > day || count("P1W") != count("P7D") {
		t.Errorf("PT1H or P1W misread")
	}
}

func TestHuntDocumentedExamplesRoundTrip(t *testing.T) {
	n := 0
	for _, ex := range Examples() {
		if !strings.HasSuffix(ex.Path, "runHuntingQuery") {
			continue
		}
		n++
		status, resp := RunHuntingQuery(ex.Version, []byte(ex.Body), testNow)
		var got, want any
		json.Unmarshal(resp, &got)
		json.Unmarshal([]byte(ex.Response), &want)
		if status != ex.Status || !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s: got %d %s", ex.Page, ex.Body, status, resp)
		}
	}
	if n != 3 {
		t.Errorf("%d hunting examples, want 3", n)
	}
	// The same query in another version or with another timespan runs on the engine.
	r := hunt(t, "v1.0", "DeviceProcessEvents")
	if len(r.Results) == 0 || r.Results[0]["Timestamp"] == "2024-12-26T09:39:50.7688641Z" {
		t.Errorf("undocumented DeviceProcessEvents query should run on the synthetic rows")
	}
}

func TestHuntEmailUrlsIncludeThreatIntelligenceHosts(t *testing.T) {
	classes := map[HostClass]int{}
	for _, row := range hunt(t, "v1.0", "EmailUrlInfo | take 100").Results {
		classes[ClassOf(row["UrlDomain"].(string))]++
		if hostOfURL(row["Url"].(string)) != row["UrlDomain"] {
			t.Errorf("UrlDomain %v is not the host of %v", row["UrlDomain"], row["Url"])
		}
	}
	for _, c := range []HostClass{Malicious, Suspicious, Neutral, OwnDomain} {
		if classes[c] == 0 {
			t.Errorf("EmailUrlInfo | take 100 has no %s host (%v)", c, classes)
		}
	}
}

func TestHuntIsDeterministic(t *testing.T) {
	for _, table := range TableNames() {
		body := []byte(fmt.Sprintf(`{"Query":%q}`, table))
		_, a := RunHuntingQuery("beta", body, testNow)
		_, b := RunHuntingQuery("beta", body, testNow)
		if string(a) != string(b) {
			t.Errorf("%s answers differently twice", table)
		}
	}
}
