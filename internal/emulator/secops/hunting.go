package secops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// Reserved hunting queries for tests: deterministic faults, as Graph answers heavy queries
// (microsoft-graph-docs-contrib issues #1446 and #1648: 504 and 500 with code UnknownError and an
// empty message).
const (
	// HeavyQueryTable is a table name that always answers 504 UnknownError.
	HeavyQueryTable = "HeavyQuery"
	// FaultComment, followed by 500 or 504 (e.g. "// mdti:fault=504"), anywhere in a query
	// makes it answer that status with UnknownError.
	FaultComment = "// mdti:fault="
)

var faultRE = lazy.Pattern{Expr: `//\s*mdti:fault=(500|504)\b`}

// The documented request/response pairs answer exactly as printed, so the examples round-trip:
// the engine's synthetic DeviceProcessEvents rows could not reproduce the pages' 2020/2024 rows.
type documentedHunt struct{ version, query, timespan, response string }

var documentedHunts = []documentedHunt{
	{"v1.0", docHuntQuery, "", docHuntResponse1},
	{"v1.0", "DeviceProcessEvents", "P90D", docHuntResponse2},
	{"beta", docHuntQuery, "", docHuntResponseBeta},
}

// RunHuntingQuery answers POST /{version}/security/runHuntingQuery with the request body:
// 200 and a huntingQueryResults body, or Graph's error envelope for a query it cannot run.
// v1.0 documents `Query`/`Timespan` and beta `query`/`timespan`; either case is accepted in
// both. The schema items are `name`/`type` in v1.0 (with the page's @odata.context) and
// `Name`/`Type` in beta, as the pages print them.
//
// Errors use Graph's envelope {"error":{"code","message","innerError":{"date","request-id",
// "client-request-id"}}} (the shape of the issues above); the request-id is derived from the
// body so answers are deterministic, and the registry may restamp it. A query the engine cannot
// parse or resolve answers 400 BadRequest with a KQL-style message (the Kusto wording, e.g.
// "Query could not be parsed at 'x' on line [1,5]", "Failed to resolve table or column
// expression named 'X'", "'where' operator: Failed to resolve scalar expression named 'X'");
// no Graph page prints a runHuntingQuery 400 body, so the message texts are ours.
func RunHuntingQuery(version string, body []byte, now time.Time) (status int, resp []byte) {
	return RunHuntingQueryAs(version, false, body, now)
}

// RunHuntingQueryAs is RunHuntingQuery with the emulator's literal switch: literal=true prints
// the schema as `Name`/`Type` without @odata.context in v1.0 too, as the v1.0 page's last
// (metadata-tagged) response does.
func RunHuntingQueryAs(version string, literal bool, body []byte, now time.Time) (status int, resp []byte) {
	q, span, err := readHuntingRequest(body)
	if err != nil {
		return huntError(http.StatusBadRequest, "BadRequest", err.Error(), body, now)
	}
	if m := faultRE.Get().FindStringSubmatch(q); m != nil {
		s := http.StatusGatewayTimeout
		if m[1] == "500" {
			s = http.StatusInternalServerError
		}
		return huntError(s, "UnknownError", "", body, now)
	}
	for _, d := range documentedHunts {
		if d.version == version && strings.TrimSpace(q) == d.query && span == d.timespan {
			return http.StatusOK, compact(d.response)
		}
	}
	from, to, err := parseTimespan(span, now)
	if err != nil {
		return huntError(http.StatusBadRequest, "BadRequest", err.Error(), body, now)
	}
	parsed, err := parseQuery(q, now)
	if err != nil {
		return huntError(http.StatusBadRequest, "BadRequest", err.Error(), body, now)
	}
	if parsed.table.text == HeavyQueryTable {
		return huntError(http.StatusGatewayTimeout, "UnknownError", "", body, now)
	}
	t, err := run(parsed, from, to, now)
	if err != nil {
		return huntError(http.StatusBadRequest, "BadRequest", err.Error(), body, now)
	}
	return http.StatusOK, huntingResults(version == "v1.0" && !literal, t)
}

// readHuntingRequest returns the query and timespan of a request body, whatever their case.
func readHuntingRequest(body []byte) (query, timespan string, err error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return "", "", &queryError{"The request body is not valid JSON."}
	}
	for k, v := range fields {
		var s string
		switch strings.ToLower(k) {
		case "query":
			if json.Unmarshal(v, &s) != nil {
				return "", "", &queryError{"The parameter 'Query' must be a string."}
			}
			query = s
		case "timespan":
			if string(v) != "null" && json.Unmarshal(v, &s) != nil {
				return "", "", &queryError{"The parameter 'Timespan' must be a string."}
			}
			timespan = s
		}
	}
	if strings.TrimSpace(query) == "" {
		return "", "", &queryError{"The parameter 'Query' is required and must not be empty."}
	}
	return query, timespan, nil
}

// huntingResults prints t as huntingQueryResults; lowercase selects v1.0's name/type schema
// keys and @odata.context.
func huntingResults(lowercase bool, t *table) []byte {
	var b bytes.Buffer
	nameKey, typeKey := "Name", "Type"
	b.WriteByte('{')
	if lowercase {
		nameKey, typeKey = "name", "type"
		b.WriteString(`"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults",`)
	}
	b.WriteString(`"schema":[`)
	for i, c := range t.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{%q:%s,%q:%q}`, nameKey, marshal(c.name), typeKey, c.typ)
	}
	b.WriteString(`],"results":[`)
	for i, row := range t.rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for j, c := range t.cols {
			if j > 0 {
				b.WriteByte(',')
			}
			b.Write(marshal(c.name))
			b.WriteByte(':')
			b.Write(cellJSON(row[j]))
		}
		b.WriteByte('}')
	}
	b.WriteString("]}")
	return b.Bytes()
}

func cellJSON(v any) []byte {
	if t, ok := v.(time.Time); ok {
		return marshal(graphTime(t))
	}
	return marshal(v)
}

func huntError(status int, code, message string, body []byte, now time.Time) (int, []byte) {
	rid := guid(newRand("hunt-request-" + string(body)))
	type inner struct {
		Date            string `json:"date"`
		RequestID       string `json:"request-id"`
		ClientRequestID string `json:"client-request-id"`
	}
	type errorBody struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError inner  `json:"innerError"`
	}
	env := struct {
		Error errorBody `json:"error"`
	}{errorBody{code, message, inner{now.UTC().Format("2006-01-02T15:04:05"), rid, rid}}}
	return status, marshal(env)
}

// parseTimespan reads the documented Timespan forms (security-security-runhuntingquery.md):
// "" (30 days back), an ISO 8601 duration ("P30D"), a single start date/time, "Date/Date",
// "Duration/EndDate" and "Start/Duration".
func parseTimespan(s string, now time.Time) (from, to time.Time, err error) {
	bad := &queryError{fmt.Sprintf("The timespan '%s' is not valid. Use an ISO 8601 duration such as P30D, a date/time, or an interval such as 2024-02-01T08:00:00Z/P30D.", s)}
	if s == "" {
		return now.Add(-30 * 24 * time.Hour), now, nil
	}
	parts := strings.Split(s, "/")
	switch len(parts) {
	case 1:
		if d, ok := isoDuration(parts[0]); ok {
			return now.Add(-d), now, nil
		}
		if t, ok := isoTime(parts[0]); ok {
			return t, now, nil
		}
	case 2:
		a, b := parts[0], parts[1]
		if t1, ok := isoTime(a); ok {
			if t2, ok := isoTime(b); ok && !t2.Before(t1) {
				return t1, t2, nil
			}
			if d, ok := isoDuration(b); ok {
				return t1, t1.Add(d), nil
			}
		}
		if d, ok := isoDuration(a); ok {
			if t2, ok := isoTime(b); ok {
				return t2.Add(-d), t2, nil
			}
		}
	}
	return from, to, bad
}

func isoTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var isoDurationRE = lazy.Pattern{Expr: `^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`}

// isoDuration reads the ISO 8601 durations with weeks, days, hours, minutes and seconds.
func isoDuration(s string) (time.Duration, bool) {
	m := isoDurationRE.Get().FindStringSubmatch(s)
	if m == nil || s == "P" || strings.HasSuffix(s, "T") {
		return 0, false
	}
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second}
	var d time.Duration
	for i, u := range units {
		var n int
		fmt.Sscan(m[i+1], &n)
		d += time.Duration(n) * u
	}
	return d, true
}
