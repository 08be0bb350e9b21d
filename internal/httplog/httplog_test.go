package httplog

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/mdti-cli/mdti/internal/syncbuf"
)

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// echo answers with respBody and records the request body it received.
func echo(status int, header http.Header, respBody string, got *[]byte) http.RoundTripper {
	return rtFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			*got, _ = io.ReadAll(r.Body)
		}
		return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1",
			Header: header, Body: io.NopCloser(strings.NewReader(respBody)), Request: r}, nil
	})
}

func roundTrip(t *testing.T, rt http.RoundTripper, method, url, ct, body string, h http.Header) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body == "" {
		req, _ = http.NewRequest(method, url, nil)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

var durationRE = regexp.MustCompile(`\(\d+(\.\d+)?[µnm]?s\)`)

func TestTokenRequestAndResponseRedacted(t *testing.T) {
	var log bytes.Buffer
	var sent []byte
	const form = "client_id=app&client_secret=s3cret&client_assertion=eyJhbGciOi.x.y&grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&refresh_token=rt0&code=authcode&password=pw&device_code=dc0"
	const tokenResp = `{"token_type":"Bearer","expires_in":3599,"access_token":"eyJ0eXAi.AT","refresh_token":"RT1","id_token":"ID1","client_info":"ci"}`
	h := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Set-Cookie": {"fpc=abc; path=/"}, "Request-Id": {"req-1"}}
	rt := NewTransport(echo(200, h, tokenResp, &sent), &log)

	got := roundTrip(t, rt, "POST", "https://login.example/t/oauth2/v2.0/token", "application/x-www-form-urlencoded", form,
		http.Header{"Cookie": {"x-ms-gateway-slice=estsfd"}})

	if string(sent) != form {
		t.Errorf("server received %q, want the original form", sent)
	}
	if got != tokenResp {
		t.Errorf("caller received %q, want the original response", got)
	}
	want := `> POST https://login.example/t/oauth2/v2.0/token
> Content-Type: application/x-www-form-urlencoded
> Cookie: [REDACTED]
  client_assertion=%5BREDACTED%5D&client_id=app&client_secret=%5BREDACTED%5D&code=%5BREDACTED%5D&device_code=%5BREDACTED%5D&grant_type=client_credentials&password=%5BREDACTED%5D&refresh_token=%5BREDACTED%5D&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default
< HTTP/1.1 OK request-id: req-1 (D)
< Content-Type: application/json; charset=utf-8
< Request-Id: req-1
< Set-Cookie: [REDACTED]
  {"token_type":"Bearer","expires_in":3599,"access_token":"[REDACTED]","refresh_token":"[REDACTED]","id_token":"[REDACTED]","client_info":"ci"}
`
	if out := durationRE.ReplaceAllString(log.String(), "(D)"); out != want {
		t.Errorf("log =\n%s\nwant\n%s", out, want)
	}
	for _, secret := range []string{"s3cret", "eyJhbGciOi", "rt0", "authcode", "pw&", "dc0", "eyJ0eXAi", "RT1", "ID1", "fpc=abc", "estsfd"} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("log leaks %q", secret)
		}
	}
}

func TestJSONRedaction(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"device code response", `{"user_code":"ABCD","device_code":"DC","verification_uri":"https://microsoft.com/devicelogin"}`,
			`{"user_code":"ABCD","device_code":"[REDACTED]","verification_uri":"https://microsoft.com/devicelogin"}`},
		{"nested and spaced", "{\"a\": {\"Access_Token\" : \"x\\\"y\"}, \"password\": 123}",
			`{"a": {"Access_Token":"[REDACTED]"}, "password":"[REDACTED]"}`},
		{"graph error keeps its code", `{"error":{"code":"NotFound","message":"m","innerError":{"request-id":"r"}}}`,
			`{"error":{"code":"NotFound","message":"m","innerError":{"request-id":"r"}}}`},
		{"oauth error hides a code", `{"error":"invalid_grant","code":"abc"}`,
			`{"error":"invalid_grant","code":"[REDACTED]"}`},
	}
	for _, tt := range tests {
		if got := redactJSON([]byte(tt.in)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestAuthorizationAndQueryRedacted(t *testing.T) {
	var log bytes.Buffer
	var sent []byte
	rt := NewTransport(echo(204, http.Header{}, "", &sent), &log)
	roundTrip(t, rt, "GET", "https://login.example/cb?code=AUTHCODE&state=s1", "", "",
		http.Header{"Authorization": {"Bearer eyJ.secret"}, "Proxy-Authorization": {"Basic dXNlcjpwYXNz"}})
	out := log.String()
	for _, leak := range []string{"AUTHCODE", "eyJ.secret", "dXNlcjpwYXNz"} {
		if strings.Contains(out, leak) {
			t.Errorf("log leaks %q:\n%s", leak, out)
		}
	}
	for _, want := range []string{"> GET https://login.example/cb?code=%5BREDACTED%5D&state=s1\n",
		"> Authorization: [REDACTED]\n", "> Proxy-Authorization: [REDACTED]\n", "< HTTP/1.1 No Content ("} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

func TestLargeBodiesElidedButDelivered(t *testing.T) {
	var log bytes.Buffer
	var sent []byte
	big := `{"access_token":"` + strings.Repeat("A", 5000) + `"}`
	rt := NewTransport(echo(200, http.Header{"Content-Type": {"application/json"}}, big, &sent), &log)
	got := roundTrip(t, rt, "POST", "https://graph.example/v1.0/$batch", "application/json", big, nil)
	if string(sent) != big || got != big {
		t.Errorf("bodies altered: sent %d bytes, got %d bytes, want %d", len(sent), len(got), len(big))
	}
	out := log.String()
	if strings.Count(out, "  [body over 4096 bytes elided]\n") != 2 || strings.Contains(out, "AAAA") {
		t.Errorf("log:\n%.400s", out)
	}
}

func TestNonTextBodyDescribed(t *testing.T) {
	var log bytes.Buffer
	var sent []byte
	rt := NewTransport(echo(200, http.Header{"Content-Type": {"text/html"}}, "<html>secret page</html>", &sent), &log)
	roundTrip(t, rt, "GET", "https://graph.example/x", "", "", nil)
	if strings.Contains(log.String(), "secret page") || !strings.Contains(log.String(), "  [24 bytes of text/html]\n") {
		t.Errorf("log:\n%s", log.String())
	}
}

func TestTransportErrorLogged(t *testing.T) {
	var log bytes.Buffer
	boom := errors.New("dial tcp: refused")
	rt := NewTransport(rtFunc(func(*http.Request) (*http.Response, error) { return nil, boom }), &log)
	req, _ := http.NewRequest("GET", "https://graph.example/x", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if !regexp.MustCompile(`(?m)^< error after \S+: dial tcp: refused$`).MatchString(log.String()) {
		t.Errorf("log:\n%s", log.String())
	}
}

func TestConcurrentUse(t *testing.T) {
	var log syncbuf.Buffer
	rt := NewTransport(rtFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", Header: http.Header{},
			Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	}), &log)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			req, _ := http.NewRequest("GET", "https://graph.example/x", nil)
			if resp, err := rt.RoundTrip(req); err == nil {
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	if n := strings.Count(log.String(), "> GET https://graph.example/x\n"); n != 20 {
		t.Errorf("%d request lines, want 20", n)
	}
}
