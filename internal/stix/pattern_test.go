package stix

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePatternAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want []string // PathString op Value of each comparison
	}{
		{`[domain-name:value = 'evil.com']`, []string{`domain-name:value = evil.com`}},
		{`[ipv4-addr:value='1.2.3.4']`, []string{`ipv4-addr:value = 1.2.3.4`}},
		{`[file:hashes.'SHA-256' = 'ab']`, []string{`file:hashes.'SHA-256' = ab`}},
		{`[file:hashes.MD5 = 'ab']`, []string{`file:hashes.MD5 = ab`}},
		{`[url:value = 'a\'b\\c']`, []string{`url:value = a'b\c`}},
		{`[url:value = ']OR[']`, []string{`url:value = ]OR[`}},
		{`[domain-name:value = 'a' OR url:value = 'b']`, []string{`domain-name:value = a`, `url:value = b`}},
		{`[domain-name:value = 'a' AND domain-name:value != 'b']`, []string{`domain-name:value = a`, `domain-name:value != b`}},
		{`[domain-name:value NOT = 'a']`, []string{`domain-name:value = a`}},
		{`[(domain-name:value = 'a' OR url:value = 'b')]`, []string{`domain-name:value = a`, `url:value = b`}},
		{`[file:name = 'a' AND (file:hashes.MD5 = 'b' OR file:hashes.'SHA-1' = 'c')]`,
			[]string{`file:name = a`, `file:hashes.MD5 = b`, `file:hashes.'SHA-1' = c`}},
		{`[domain-name:value = 'a'] OR [url:value = 'b']`, []string{`domain-name:value = a`, `url:value = b`}},
		{`([domain-name:value = 'a'] FOLLOWEDBY [url:value = 'b']) AND [email-addr:value = 'c']`,
			[]string{`domain-name:value = a`, `url:value = b`, `email-addr:value = c`}},
		{`[network-traffic:extensions.'http-request-ext'.request_header.'Host' = 'a']`,
			[]string{`network-traffic:extensions.'http-request-ext'.request_header.Host = a`}},
		{`[email-message:to_refs[*].value = 'a' AND email-message:to_refs[0].value = 'b']`,
			[]string{`email-message:to_refs[*].value = a`, `email-message:to_refs[0].value = b`}},
		{"\n[ domain-name:value\t=\n'a' ]\n", []string{`domain-name:value = a`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePattern(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range p.Comparisons() {
				got = append(got, c.PathString()+" "+c.Op+" "+c.Value)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("comparisons = %q, want %q", got, tt.want)
			}
		})
	}
	p, _ := ParsePattern(`[domain-name:value NOT = 'a']`)
	if !p.Comparisons()[0].Negated {
		t.Error("NOT not recorded")
	}
}

func TestParsePatternRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "empty pattern"},
		{`   `, "empty pattern"},
		{`domain-name:value = 'a'`, "want '[' opening an observation expression"},
		{`[domain-name:value = 'a'`, "pattern ends where ']' closing the observation expression was expected"},
		{`[domain-name:value = 'a']]`, "unexpected ] at offset 25"},
		{`[domain-name:value = 'a'] [url:value = 'b']`, "unexpected [ at offset 26"},
		{`[]`, "want an object type at offset 1, got ]"},
		{`[domain-name:value = "a"]`, `offset 21: unexpected character '"'`},
		{`[domain-name:value = 'a]`, "unterminated string literal"},
		{`[domain-name:value = 'a\n']`, `invalid escape in string literal`},
		{`[domain-name:value = a]`, "want a quoted string at offset 21, got a"},
		{`[domain-name:value 'a']`, "want '=' or '!=' at offset 19"},
		{`[domain-name:value == 'a']`, "operator == at offset 19: only = and != compare strings here"},
		{`[domain-name:value ! 'a']`, "'!' must be followed by '='"},
		{`[domain-name:value > 'a']`, "operator > at offset 19: only = and != compare strings here"},
		{`[domain-name:value LIKE 'a%']`, "want '=' or '!=' at offset 19, got LIKE"},
		{`[domain-name:value = 1]`, "want a quoted string at offset 21, got 1"},
		{`[domain-name = 'a']`, "want ':' after the object type at offset 13, got ="},
		{`[domain-name: = 'a']`, "want a property name at offset 14, got ="},
		{`[Domain-Name:value = 'a']`, `invalid object type "Domain-Name"`},
		{`[ab:value = 'a']`, `invalid object type "ab"`},
		{`[domain--name:value = 'a']`, `invalid object type "domain--name"`},
		{`[file:hashes. = 'a']`, "want a property name at offset 14, got ="},
		{`[file:hashes.'' = 'a']`, "empty property name"},
		{`[file:names[x] = 'a']`, `invalid list index "x"`},
		{`[domain-name:value = 'a' AND url:value = 'b']`, "comparisons joined by AND refer to different object types [domain-name url]"},
		{`[(domain-name:value = 'a' OR url:value = 'b') AND url:value = 'c']`, "different object types [domain-name url]"},
		{`[domain-name:value = 'a' OR]`, "want an object type at offset 27, got ]"},
		{`[domain-name:value = 'a'] AND`, "pattern ends where '[' opening an observation expression was expected"},
		{`[domain-name:value = 'a'] WITHIN 5 SECONDS`, "unexpected WITHIN"},
		{`[(domain-name:value = 'a']`, "want ')' at offset 25, got ]"},
		{`([domain-name:value = 'a']`, "pattern ends where ')' was expected"},
		{`[domain-name:value = 'a' # ]`, "unexpected character '#'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParsePattern(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParsePattern(%q) = %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}
