package emulator

import (
	"strings"
	"testing"
	"time"
)

// TestDefaultModeIsWhatTheSDKExpects encodes what Microsoft's generated SDKs read, from the
// resource tables, without depending on an SDK: every threat-intelligence endpoint, both
// versions, default mode. A single entity is never wrapped in {"value": {...}}; documented
// Boolean, Int32 and DateTimeOffset properties have those JSON types at any depth; every
// @odata.type names a type of the resource tables, spelled as they spell it; certificate
// names are alternateNames.
func TestDefaultModeIsWhatTheSDKExpects(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	for _, version := range []string{"v1.0", "beta"} {
		for _, c := range everyRoute() {
			r := get(t, srv, "/"+version+ti+c.path)
			if r.status != 200 {
				t.Errorf("%s %s: status %d", version, c.path, r.status)
				continue
			}
			m := r.json(t)
			if _, wrapped := m["value"].(map[string]any); wrapped {
				t.Errorf("%s %s: single entity wrapped in value", version, c.path)
			}
			checkSDKShape(t, version+" "+c.path, "", m)
		}
	}
}

// The property types of the resource tables that a string would break.
var (
	booleanProps = map[string]bool{"hasChatter": true, "exploitsAvailable": true, "activeExploitsObserved": true, "isFeatured": true, "isRecent": true}
	int32Props   = map[string]bool{"port": true, "timesObserved": true, "priorityScore": true, "number": true}
	// sdkTypes are the types the resource tables define, with their namespace.
	sdkTypes = map[string]bool{}
)

func init() {
	for name := range typeProperties.Get() {
		sdkTypes[securityNS+name] = true
	}
	for _, name := range []string{"hostname", "ipAddress", "formattedContent", "cvssSummary", "hyperlink", "intelligenceProfileCountryOrRegionOfOrigin"} {
		sdkTypes[securityNS+name] = true
	}
}

func checkSDKShape(t *testing.T, where, key string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			checkSDKShape(t, where, k, child)
		}
		return
	case []any:
		for _, child := range x {
			checkSDKShape(t, where, key, child)
		}
		return
	case nil:
		return
	}
	switch {
	case key == "@odata.type":
		if name, _ := v.(string); !sdkTypes[strings.TrimPrefix(name, "#")] {
			t.Errorf("%s: @odata.type %v is not a resource-table type", where, v)
		}
	case key == "alternateName":
		t.Errorf("%s: alternateName (the table says alternateNames)", where)
	case booleanProps[key]:
		if _, ok := v.(bool); !ok {
			t.Errorf("%s: %s = %#v, want a Boolean", where, key, v)
		}
	case int32Props[key]:
		if n, ok := v.(float64); !ok || n != float64(int32(n)) {
			t.Errorf("%s: %s = %#v, want an Int32", where, key, v)
		}
	case strings.HasSuffix(key, "DateTime"):
		if s, ok := v.(string); !ok || !isDateTimeOffset(s) {
			t.Errorf("%s: %s = %#v, want a DateTimeOffset", where, key, v)
		}
	}
}

func isDateTimeOffset(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// TestDocsLiteralKeepsTheExamplesQuirks is the other side: the same walk in DocsLiteral
// mode finds each documented quirk.
func TestDocsLiteralKeepsTheExamplesQuirks(t *testing.T) {
	_, srv := newTestServer(t, Options{DocsLiteral: true})
	body := func(path string) string { return string(get(t, srv, path).body) }
	for path, want := range map[string]string{
		"/beta" + ti + "hosts/contoso.com":                                    `"value":{"@odata.type":"#microsoft.graph.security.hostname"`,
		"/beta" + ti + "vulnerabilities/CVE-2021-44228":                       `"hasChatter":"true"`,
		"/v1.0" + ti + "hosts/contoso.com/sslCertificates":                    `"#microsoft.graph.security.hostName"`,
		"/v1.0" + ti + "sslCertificates?$search=\"name:pymes.microsoft.com\"": `"alternateName":["pymes.microsoft.com"`,
		"/beta" + ti + "intelProfiles/actinium":                               `"microsoft.graph.security.countriesOrRegionsOfOrigin"`,
	} {
		if got := body(path); !strings.Contains(got, want) {
			t.Errorf("%s lacks %s: %s", path, want, got)
		}
	}
}
