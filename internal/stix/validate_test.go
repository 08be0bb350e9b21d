package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// generated is the bundle of inputs() as a JSON tree: objects 0–3 are the TLP markings
// white, green, amber, red; object 4 the domain indicator (amber), 5 the IPv4 one (green,
// kill chain, confidence), 6 the IPv6 one (external references).
func generated(t *testing.T) map[string]any {
	t.Helper()
	b, err := NewBundle(inputs(), opts())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, b); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func obj(b map[string]any, i int) map[string]any {
	return b["objects"].([]any)[i].(map[string]any)
}

func TestValidateAcceptsGenerated(t *testing.T) {
	for _, in := range [][]tiindicator.Indicator{inputs(), inputs()[:1], {{URL: "http://x/", TLPLevel: "unknown"}}} {
		b, err := NewBundle(in, opts())
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_ = Encode(&buf, b)
		if err := Validate(buf.Bytes()); err != nil {
			t.Errorf("Validate(generated):\n%v\n%s", err, buf.Bytes())
		}
	}
}

func TestValidateAcceptsVariants(t *testing.T) {
	tests := []struct {
		name string
		f    func(b map[string]any)
	}{
		{"no objects", func(b map[string]any) { delete(b, "objects") }},
		{"custom marking definition referenced", func(b map[string]any) {
			objs := b["objects"].([]any)
			b["objects"] = append(objs, map[string]any{
				"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--7c9a2c0e-1e1a-4d51-9b39-6b5d2f1f2c11",
				"created": "2026-01-01T00:00:00.000Z", "definition_type": "statement", "definition": map[string]any{"statement": "Copyright Contoso"},
			})
			obj(b, 4)["object_marking_refs"] = []any{"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "marking-definition--7c9a2c0e-1e1a-4d51-9b39-6b5d2f1f2c11"}
		}},
		{"predefined TLP referenced but not included", func(b map[string]any) {
			b["objects"] = b["objects"].([]any)[4:]
		}},
		{"upper-case UUID", func(b map[string]any) { obj(b, 4)["id"] = "indicator--10111213-1415-4617-9819-1A1B1C1D1E1F" }},
		{"modified after created", func(b map[string]any) { obj(b, 4)["modified"] = "2026-11-30T07:00:00.124Z" }},
		{"microsecond timestamps", func(b map[string]any) {
			obj(b, 4)["created"], obj(b, 4)["modified"] = "2026-11-30T07:00:00.123456Z", "2026-11-30T07:00:00.123456Z"
		}},
		{"valid_from without fraction", func(b map[string]any) { obj(b, 4)["valid_from"] = "2026-11-30T07:00:00Z" }},
		{"custom property", func(b map[string]any) { obj(b, 4)["x_mdti_source"] = "graph" }},
		{"other pattern language", func(b map[string]any) {
			obj(b, 4)["pattern_type"], obj(b, 4)["pattern"] = "snort", "alert tcp any any -> any any"
		}},
		{"optional properties", func(b map[string]any) {
			o := obj(b, 4)
			o["revoked"], o["lang"], o["pattern_version"] = false, "en", "2.1"
			o["created_by_ref"] = "identity--10111213-1415-4617-9819-1a1b1c1d1e1f"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := generated(t)
			tt.f(b)
			data, _ := json.Marshal(b)
			if err := Validate(data); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

// TestValidateRejects breaks one rule at a time and expects the validator to name it.
func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name string
		f    func(b map[string]any)
		want string
	}{
		// bundle
		{"bundle type", func(b map[string]any) { b["type"] = "collection" }, `bundle: type "collection", want "bundle"`},
		{"bundle without type", func(b map[string]any) { delete(b, "type") }, "bundle: missing required property type"},
		{"bundle without id", func(b map[string]any) { delete(b, "id") }, "bundle: missing required property id"},
		{"bundle id prefix", func(b map[string]any) { b["id"] = "indicator--00010203-0405-4607-8809-0a0b0c0d0e0f" }, `bundle: id "indicator--00010203-0405-4607-8809-0a0b0c0d0e0f" does not name a bundle`},
		{"bundle spec_version", func(b map[string]any) { b["spec_version"] = "2.0" }, "bundle: spec_version is not a bundle property in STIX 2.1"},
		{"bundle unknown property", func(b map[string]any) { b["indicators"] = []any{} }, `bundle: unknown property "indicators"`},
		{"objects not a list", func(b map[string]any) { b["objects"] = map[string]any{} }, "bundle: objects is not a list"},
		{"objects empty", func(b map[string]any) { b["objects"] = []any{} }, "bundle: objects is empty"},
		{"object not an object", func(b map[string]any) { b["objects"] = append(b["objects"].([]any), "x") }, "objects[10]: not a JSON object"},
		{"duplicate id", func(b map[string]any) { obj(b, 5)["id"] = obj(b, 4)["id"] }, "objects[5]: id indicator--10111213-1415-4617-9819-1a1b1c1d1e1f appears twice"},
		{"unsupported type", func(b map[string]any) {
			obj(b, 4)["type"], obj(b, 4)["id"] = "malware", "malware--10111213-1415-4617-9819-1a1b1c1d1e1f"
		}, `object type "malware" is not one this bundle may hold`},

		// identifiers
		{"UUID version 1", func(b map[string]any) { obj(b, 4)["id"] = "indicator--10111213-1415-1617-9819-1a1b1c1d1e1f" }, `id "indicator--10111213-1415-1617-9819-1a1b1c1d1e1f" is not indicator--<UUIDv4>`},
		{"UUID variant", func(b map[string]any) { obj(b, 4)["id"] = "indicator--10111213-1415-4617-c819-1a1b1c1d1e1f" }, "is not indicator--<UUIDv4>"},
		{"UUID short", func(b map[string]any) { obj(b, 4)["id"] = "indicator--10111213-1415-4617-9819-1a1b1c1d1e1" }, "is not indicator--<UUIDv4>"},
		{"single hyphen", func(b map[string]any) { obj(b, 4)["id"] = "indicator-10111213-1415-4617-9819-1a1b1c1d1e1f" }, "is not indicator--<UUIDv4>"},
		{"id of another type", func(b map[string]any) { obj(b, 4)["id"] = "malware--10111213-1415-4617-9819-1a1b1c1d1e1f" }, "does not name a indicator"},
		{"id not a string", func(b map[string]any) { obj(b, 4)["id"] = 7 }, "id is not a string"},
		{"created_by_ref", func(b map[string]any) {
			obj(b, 4)["created_by_ref"] = "indicator--10111213-1415-4617-9819-1a1b1c1d1e1f"
		}, `created_by_ref "indicator--10111213-1415-4617-9819-1a1b1c1d1e1f" does not name a identity`},

		// common properties
		{"spec_version", func(b map[string]any) { obj(b, 4)["spec_version"] = "2.0" }, `spec_version "2.0", want "2.1"`},
		{"no spec_version", func(b map[string]any) { delete(obj(b, 4), "spec_version") }, "missing required property spec_version"},
		{"no created", func(b map[string]any) { delete(obj(b, 4), "created") }, "missing required property created"},
		{"created with offset", func(b map[string]any) { obj(b, 4)["created"] = "2026-11-30T07:00:00.123+00:00" }, `created "2026-11-30T07:00:00.123+00:00" is not an RFC 3339 timestamp in UTC ending in Z`},
		{"created lower-case t", func(b map[string]any) { obj(b, 4)["created"] = "2026-11-30t07:00:00.123Z" }, "is not an RFC 3339 timestamp"},
		{"created impossible date", func(b map[string]any) { obj(b, 4)["created"] = "2026-02-30T07:00:00.123Z" }, "is not an RFC 3339 timestamp"},
		{"created date only", func(b map[string]any) { obj(b, 4)["created"] = "2026-11-30" }, "is not an RFC 3339 timestamp"},
		{"created without millis", func(b map[string]any) { obj(b, 4)["created"] = "2026-11-30T07:00:00Z" }, `created "2026-11-30T07:00:00Z" is not precise to the millisecond`},
		{"modified with one digit", func(b map[string]any) { obj(b, 4)["modified"] = "2026-11-30T07:00:00.5Z" }, "modified \"2026-11-30T07:00:00.5Z\" is not precise to the millisecond"},
		{"custom property name", func(b map[string]any) { obj(b, 4)["X-Source"] = "graph" }, `property name "X-Source": custom properties use 3–250 characters`},
		{"custom property too short", func(b map[string]any) { obj(b, 4)["xy"] = "graph" }, `property name "xy"`},

		// indicator
		{"no modified", func(b map[string]any) { delete(obj(b, 4), "modified") }, "missing required property modified"},
		{"modified before created", func(b map[string]any) { obj(b, 4)["modified"] = "2026-11-30T07:00:00.122Z" }, "modified 2026-11-30T07:00:00.122Z is before created"},
		{"no pattern", func(b map[string]any) { delete(obj(b, 4), "pattern") }, "missing required property pattern"},
		{"no pattern_type", func(b map[string]any) { delete(obj(b, 4), "pattern_type") }, "missing required property pattern_type"},
		{"no valid_from", func(b map[string]any) { delete(obj(b, 4), "valid_from") }, "missing required property valid_from"},
		{"valid_until equal", func(b map[string]any) { obj(b, 4)["valid_until"] = obj(b, 4)["valid_from"] }, "valid_until must be later than valid_from"},
		{"valid_until before", func(b map[string]any) { obj(b, 4)["valid_until"] = "2026-11-29T00:00:00Z" }, "valid_until must be later than valid_from"},
		{"valid_until bad", func(b map[string]any) { obj(b, 4)["valid_until"] = "tomorrow" }, `valid_until "tomorrow" is not an RFC 3339 timestamp`},
		{"indicator_types outside vocabulary", func(b map[string]any) { obj(b, 4)["indicator_types"] = []any{"Malware"} }, `indicator_types "Malware" is not in indicator-type-ov`},
		{"indicator_types empty", func(b map[string]any) { obj(b, 4)["indicator_types"] = []any{} }, "indicator_types is not a non-empty list of strings"},
		{"labels not strings", func(b map[string]any) { obj(b, 4)["labels"] = []any{1} }, "labels is not a non-empty list of strings"},
		{"name not a string", func(b map[string]any) { obj(b, 4)["name"] = []any{"a"} }, "name is not a string"},
		{"confidence too high", func(b map[string]any) { obj(b, 5)["confidence"] = 101 }, "confidence 101 is not an integer 0–100"},
		{"confidence fraction", func(b map[string]any) { obj(b, 5)["confidence"] = 50.5 }, "confidence 50.5 is not an integer 0–100"},
		{"kill chain phase without name", func(b map[string]any) {
			delete(obj(b, 5)["kill_chain_phases"].([]any)[1].(map[string]any), "phase_name")
		}, "kill_chain_phases[1] needs phase_name"},
		{"kill chain phases empty", func(b map[string]any) { obj(b, 5)["kill_chain_phases"] = []any{} }, "kill_chain_phases is not a non-empty list of objects"},
		{"external reference without source", func(b map[string]any) {
			delete(obj(b, 6)["external_references"].([]any)[0].(map[string]any), "source_name")
		}, "external_references[0] needs source_name"},

		// patterns
		{"pattern with double quotes", func(b map[string]any) { obj(b, 4)["pattern"] = `[domain-name:value = "evil.com"]` }, `unexpected character '"'`},
		{"pattern unescaped quote", func(b map[string]any) { obj(b, 4)["pattern"] = `[url:value = 'it's']` }, "pattern \"[url:value = 'it's']\""},
		{"pattern without brackets", func(b map[string]any) { obj(b, 4)["pattern"] = `domain-name:value = 'evil.com'` }, "want '[' opening an observation expression"},
		{"pattern AND across types", func(b map[string]any) {
			obj(b, 4)["pattern"] = `[domain-name:value = 'evil.com' AND url:value = 'http://evil.com/']`
		}, "comparisons joined by AND refer to different object types"},
		{"pattern unknown path", func(b map[string]any) { obj(b, 4)["pattern"] = `[domain-name:name = 'evil.com']` }, "object path domain-name:name is not one this validator knows"},
		{"pattern empty domain", func(b map[string]any) { obj(b, 4)["pattern"] = `[domain-name:value = '']` }, "domain-name:value compared with an empty string"},
		{"pattern IPv6 as ipv4-addr", func(b map[string]any) { obj(b, 4)["pattern"] = `[ipv4-addr:value = '2001:db8::1']` }, `ipv4-addr:value "2001:db8::1" is of the other IP version`},
		{"pattern not an address", func(b map[string]any) { obj(b, 4)["pattern"] = `[ipv6-addr:value = 'evil.com']` }, `ipv6-addr:value "evil.com" is not an address or CIDR block`},
		{"pattern hash algorithm", func(b map[string]any) { obj(b, 4)["pattern"] = `[file:hashes.'sha256' = 'ab']` }, `hash algorithm "sha256" is not in hash-algorithm-ov`},
		{"pattern hash length", func(b map[string]any) { obj(b, 4)["pattern"] = `[file:hashes.'SHA-256' = 'abc']` }, `file:hashes.'SHA-256' "abc" is not 64 hexadecimal digits`},
		{"pattern hash not hex", func(b map[string]any) {
			obj(b, 4)["pattern"] = `[file:hashes.MD5 = 'zz41d8cd98f00b204e9800998ecf8427']`
		}, "is not 32 hexadecimal digits"},
		{"pattern email", func(b map[string]any) { obj(b, 4)["pattern"] = `[email-addr:value = 'evil.com']` }, `email-addr:value "evil.com" is not an email address`},

		// markings
		{"marking ref unresolved", func(b map[string]any) {
			obj(b, 4)["object_marking_refs"] = []any{"marking-definition--7c9a2c0e-1e1a-4d51-9b39-6b5d2f1f2c11"}
		}, "object_marking_refs marking-definition--7c9a2c0e-1e1a-4d51-9b39-6b5d2f1f2c11 resolves to no marking definition in the bundle and no predefined TLP marking"},
		{"marking ref to an indicator", func(b map[string]any) { obj(b, 4)["object_marking_refs"] = []any{obj(b, 5)["id"]} }, "does not name a marking-definition"},
		{"marking refs empty", func(b map[string]any) { obj(b, 4)["object_marking_refs"] = []any{} }, "object_marking_refs is not a non-empty list of strings"},
		{"marking without definition", func(b map[string]any) { delete(obj(b, 0), "definition") }, "objects[0] marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9: missing required property definition"},
		{"marking without definition_type", func(b map[string]any) { delete(obj(b, 0), "definition_type") }, "missing required property definition_type"},
		{"marking with modified", func(b map[string]any) { obj(b, 0)["modified"] = "2017-01-20T00:00:00.000Z" }, "modified is not a property of this object type"},
		{"TLP level unknown", func(b map[string]any) { obj(b, 0)["definition"] = map[string]any{"tlp": "clear"} }, `definition of a TLP marking must be {"tlp": "white"|"green"|"amber"|"red"}`},
		{"predefined TLP altered", func(b map[string]any) { obj(b, 2)["name"] = "TLP:RED" }, `name differs from the predefined TLP:AMBER marking definition (want "TLP:AMBER")`},
		{"predefined TLP created", func(b map[string]any) { obj(b, 3)["created"] = "2017-01-20T00:00:00.001Z" }, "created differs from the predefined TLP:RED marking definition"},
		{"predefined TLP extra property", func(b map[string]any) { obj(b, 1)["x_note"] = "x" }, "differs from the predefined TLP:GREEN marking definition"},
		{"statement without text", func(b map[string]any) {
			obj(b, 0)["id"], obj(b, 0)["definition_type"], obj(b, 0)["definition"] = "marking-definition--7c9a2c0e-1e1a-4d51-9b39-6b5d2f1f2c11", "statement", map[string]any{}
		}, "definition of a statement marking needs statement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := generated(t)
			tt.f(b)
			data, err := json.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(data)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate:\n%v\nwant a problem containing %q", err, tt.want)
			}
		})
	}
}

func TestValidateNotJSON(t *testing.T) {
	for _, in := range []string{``, `[]`, `{`, `"bundle"`} {
		err := Validate([]byte(in))
		if err == nil || !strings.HasPrefix(err.Error(), "bundle: not a JSON object") {
			t.Errorf("Validate(%q) = %v", in, err)
		}
	}
}
