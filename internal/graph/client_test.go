package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/httplog"
)

func TestNewDefaultsAndOptions(t *testing.T) {
	c := New()
	if c.BaseURL() != "https://graph.microsoft.com/v1.0" || c.APIVersion() != "v1.0" {
		t.Errorf("defaults: %q %q", c.BaseURL(), c.APIVersion())
	}
	c = New(WithEndpoint("https://Graph.Example:8443/"), WithAPIVersion("beta"))
	if c.BaseURL() != "https://graph.example:8443/beta" || c.APIVersion() != "beta" {
		t.Errorf("options: %q %q", c.BaseURL(), c.APIVersion())
	}
	for _, bad := range []string{"graph.microsoft.com", "ftp://x", "https://x/v1.0", "https://x?a=b", "https://u@x", "://"} {
		c := New(WithEndpoint(bad))
		if _, err := c.Get(context.Background(), "/x", nil); err == nil || !strings.Contains(err.Error(), "graph endpoint") {
			t.Errorf("endpoint %q: err = %v", bad, err)
		}
	}
}

func TestGetNormalizes(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"drops context keeps type and order",
			`{"@odata.context":"$metadata#x","@odata.type":"#microsoft.graph.security.hostname","id":"contoso.com","registrar":"MarkMonitor"}`,
			`{"@odata.type":"#microsoft.graph.security.hostname","id":"contoso.com","registrar":"MarkMonitor"}`},
		{"beta value wrapper removed",
			`{"@odata.context":"c","value":{"@odata.type":"#t","id":"contoso.com"}}`,
			`{"@odata.type":"#t","id":"contoso.com"}`},
		{"beta value wrapper with an outer @odata.type",
			"{\n  \"@odata.type\": \"#w\",\n  \"value\": {\n    \"id\": \"a\", \"@odata.etag\": \"e\"\n  }\n}",
			`{"id":"a"}`},
		{"hostTracker's real value untouched",
			`{"@odata.type":"#microsoft.graph.security.hostTracker","id":"x","kind":"GoogleAnalyticsID","value":"UA-1"}`,
			`{"@odata.type":"#microsoft.graph.security.hostTracker","id":"x","kind":"GoogleAnalyticsID","value":"UA-1"}`},
		{"value object beside other properties untouched",
			`{"id":"x","value":{"a":1}}`, `{"id":"x","value":{"a":1}}`},
		{"value array untouched", `{"value":[{"a":1}]}`, `{"value":[{"a":1}]}`},
		{"escaped quotes survive", `{"id":"a\"@odata.x\":1","@odata.id":"z"}`, `{"id":"a\"@odata.x\":1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) { fmt.Fprint(w, tt.body) })
			got, err := c.Get(context.Background(), "/x", nil)
			if err != nil || string(got) != tt.want {
				t.Errorf("Get = %s, %v\nwant %s", got, err, tt.want)
			}
		})
	}
}

func TestGetRejectsNonObject(t *testing.T) {
	for _, body := range []string{`[1]`, `"x"`, ``, `{"a":`} {
		c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) { fmt.Fprint(w, body) })
		if _, err := c.Get(context.Background(), "/x", nil); !errors.Is(err, errDecode) {
			t.Errorf("body %q: err = %v", body, err)
		}
	}
}

func TestGetQueryEncoding(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) { fmt.Fprint(w, `{}`) })
	q := url.Values{"$search": {`"admin/email:a&b@c.com"`}, "$select": {"id,value"}}
	if _, err := c.Get(context.Background(), TIPath("whoisRecords"), q); err != nil {
		t.Fatal(err)
	}
	want := "/v1.0/security/threatIntelligence/whoisRecords?$search=%22admin%2Femail%3Aa%26b%40c.com%22&$select=id%2Cvalue"
	if got := rec.req(0).URL.RequestURI(); got != want {
		t.Errorf("request URI = %q, want %q", got, want)
	}
	if got := rec.req(0).URL.Query().Get("$search"); got != `"admin/email:a&b@c.com"` {
		t.Errorf("server decoded $search = %q", got)
	}
}

func TestDo(t *testing.T) {
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/v1.0/missing" {
			w.WriteHeader(404)
			fmt.Fprint(w, `{"error":{"code":"NotFound","message":"gone"}}`)
			return
		}
		w.Header().Set("X-Test", "1")
		fmt.Fprint(w, "{\n  \"@odata.context\": \"kept as received\"\n}")
	})
	resp, err := c.Do(context.Background(), "post", "security/x?$top=1", []byte(`{"a":1}`), http.Header{"Consistencylevel": {"eventual"}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("X-Test") != "1" || string(resp.Body) != "{\n  \"@odata.context\": \"kept as received\"\n}" {
		t.Errorf("resp = %d %v %q", resp.StatusCode, resp.Header, resp.Body)
	}
	r := rec.req(0)
	if r.Method != "POST" || r.URL.RequestURI() != "/v1.0/security/x?$top=1" || string(rec.bodies[0]) != `{"a":1}` ||
		r.Header.Get("Content-Type") != "application/json" || r.Header.Get("ConsistencyLevel") != "eventual" {
		t.Errorf("request = %s %s %q %v", r.Method, r.URL.RequestURI(), rec.bodies[0], r.Header)
	}

	// An absolute URL on our host is fine.
	if _, err := c.Do(context.Background(), "GET", srv.URL+"/beta/security/y", nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.req(1).URL.Path; got != "/beta/security/y" {
		t.Errorf("absolute path = %q", got)
	}

	// Error statuses return the response and the error.
	resp, err = c.Do(context.Background(), "GET", "/missing", nil, nil)
	if !IsNotFound(err) || resp == nil || resp.StatusCode != 404 || string(resp.Body) != `{"error":{"code":"NotFound","message":"gone"}}` {
		t.Errorf("404: resp %+v err %v", resp, err)
	}
}

func TestDoRefusesForeignHost(t *testing.T) {
	hits := 0
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer foreign.Close()
	c, rec, _, _ := stub(t, statusSeq(nil, nil))
	for _, u := range []string{foreign.URL + "/v1.0/me", "HTTPS://evil.example/v1.0/me"} {
		_, err := c.Do(context.Background(), "GET", u, nil, nil)
		if !errors.Is(err, ErrForeignHost) {
			t.Errorf("%s: err = %v", u, err)
		}
	}
	if hits != 0 || rec.count() != 0 {
		t.Errorf("requests sent: foreign %d own %d", hits, rec.count())
	}
}

func TestDebugLogRedactsToken(t *testing.T) {
	var log bytes.Buffer
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"a"}`)
	}, WithHTTPClient(&http.Client{Transport: httplog.NewTransport(http.DefaultTransport, &log)}),
		WithTokenSource(StaticToken("secret-token")))
	got, err := c.Get(context.Background(), "/x", nil)
	if err != nil || string(got) != `{"id":"a"}` {
		t.Fatalf("Get = %s, %v", got, err)
	}
	out := log.String()
	if strings.Contains(out, "secret-token") || !strings.Contains(out, "> Authorization: [REDACTED]") ||
		!strings.Contains(out, "> GET "+c.BaseURL()+"/x") || !strings.Contains(out, `{"id":"a"}`) {
		t.Errorf("debug log:\n%s", out)
	}
}
