package httplog

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/mdti-cli/mdti/internal/lazy"
)

// secretFields are OAuth and MSAL parameters that grant access on their own.
var secretFields = []string{
	"client_secret", "client_assertion", "refresh_token", "access_token",
	"id_token", "device_code", "code", "password",
}

func isSecretField(name string) bool {
	for _, f := range secretFields {
		if strings.EqualFold(name, f) {
			return true
		}
	}
	return false
}

// redactForm redacts secret fields of an url-encoded form. An unparsable
// form is not shown at all: it could hold anything.
func redactForm(s string) string {
	v, err := url.ParseQuery(s)
	if err != nil {
		return "[unparsable form body elided]"
	}
	for k := range v {
		if isSecretField(k) {
			for i := range v[k] {
				v[k][i] = redacted
			}
		}
	}
	return v.Encode()
}

// redactURL redacts secret query parameters (e.g. an authorization code).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return raw
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return raw
	}
	changed := false
	for k := range q {
		if isSecretField(k) {
			q[k] = []string{redacted}
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// jsonSecret matches a secret member and its value (a string, possibly with
// escaped quotes, or a bare literal).
var jsonSecret = lazy.Regexp(`(?i)"(` + strings.Join(secretFields, "|") +
	`)"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\]\s]+)`)

// redactJSON replaces the values of secret members at any depth, keeping the
// rest byte for byte. Graph's error envelope {"error":{"code":...}} is the
// exception for "code": that code is what the debug log is read for.
func redactJSON(body []byte) string {
	keepCode := isGraphErrorEnvelope(body)
	return jsonSecret().ReplaceAllStringFunc(string(body), func(m string) string {
		sub := jsonSecret().FindStringSubmatch(m)
		if keepCode && strings.EqualFold(sub[1], "code") {
			return m
		}
		return `"` + sub[1] + `":"` + redacted + `"`
	})
}

func isGraphErrorEnvelope(body []byte) bool {
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &env) != nil {
		return false
	}
	return bytes.HasPrefix(bytes.TrimSpace(env.Error), []byte("{"))
}
