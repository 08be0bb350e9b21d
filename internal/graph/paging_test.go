package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const portsPath = "/v1.0/security/threatIntelligence/hosts/contoso.com/ports"

func TestPagesFollowsNextLinkAcrossPages(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("$skiptoken") {
		case "":
			fmt.Fprintf(w, `{"@odata.context":"ctx","@odata.count":3,"value":[
			  {"@odata.type":"#microsoft.graph.security.hostPort", "port": 80}
			],"@odata.nextLink":"%s%s?$skiptoken=p2"}`, base, portsPath)
		case "p2": // a page may hold zero items and still link on
			fmt.Fprintf(w, `{"value":[],"@odata.nextLink":"%s%s?$skiptoken=p3"}`, base, portsPath)
		case "p3":
			fmt.Fprint(w, `{"value":[{"port":443},{"port":8080}]}`)
		}
	})
	base = srv.URL

	var sizes []int
	var counts []string
	var items []string
	q := url.Values{"$count": {"true"}, "$top": {"1"}}
	for p, err := range c.Pages(context.Background(), TIPath("hosts", "contoso.com", "ports"), q) {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		sizes = append(sizes, len(p.Items))
		if p.Count != nil {
			counts = append(counts, fmt.Sprint(*p.Count))
		} else {
			counts = append(counts, "nil")
		}
		for _, it := range p.Items {
			items = append(items, string(it))
		}
	}
	if want := []int{1, 0, 2}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("page sizes = %v, want %v", sizes, want)
	}
	if want := []string{"3", "nil", "nil"}; !reflect.DeepEqual(counts, want) {
		t.Errorf("counts = %v, want %v", counts, want)
	}
	want := []string{`{"@odata.type":"#microsoft.graph.security.hostPort","port":80}`, `{"port":443}`, `{"port":8080}`}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("items = %q, want %q", items, want)
	}
	if got := rec.req(0).URL.RequestURI(); got != portsPath+"?$count=true&$top=1" {
		t.Errorf("first request = %q", got)
	}
	if rec.count() != 3 {
		t.Errorf("requests = %d, want 3", rec.count())
	}
	for i := range rec.count() {
		if got := rec.req(i).Header.Get("Authorization"); got != "Bearer tok" {
			t.Errorf("request %d Authorization = %q", i, got)
		}
	}
}

func TestPagesBreakEarlyFetchesNothingMore(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprintf(w, `{"value":[{"n":%d}],"@odata.nextLink":"%s%s?$skiptoken=%d"}`, n, base, portsPath, n+1)
	})
	base = srv.URL
	for p, err := range c.Pages(context.Background(), TIPath("hosts", "contoso.com", "ports"), nil) {
		if err != nil || len(p.Items) != 1 {
			t.Fatalf("page = %v, %v", p, err)
		}
		break
	}
	if rec.count() != 1 {
		t.Errorf("requests = %d, want 1", rec.count())
	}
	// Creating the iterator alone must not fetch anything.
	_ = c.Pages(context.Background(), TIPath("hosts", "x", "ports"), nil)
	if rec.count() != 1 {
		t.Errorf("requests after unused iterator = %d, want 1", rec.count())
	}
}

func TestPagesRefusesForeignNextLink(t *testing.T) {
	foreignHits := 0
	foreignAuth := ""
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreignHits++
		foreignAuth = r.Header.Get("Authorization")
		fmt.Fprint(w, `{"value":[]}`)
	}))
	defer foreign.Close()

	// Same host (127.0.0.1) but another port, another scheme, another name.
	tests := map[string]func(own string) string{
		"other port":      func(string) string { return foreign.URL + portsPath },
		"other scheme":    func(own string) string { return strings.Replace(own, "http://", "https://", 1) + portsPath },
		"other host":      func(own string) string { return strings.Replace(own, "127.0.0.1", "localhost", 1) + portsPath },
		"userinfo":        func(own string) string { return strings.Replace(own, "http://", "http://u:p@", 1) + portsPath },
		"scheme-relative": func(string) string { return "//evil.example" + portsPath },
	}
	for name, link := range tests {
		t.Run(name, func(t *testing.T) {
			var next string
			c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				fmt.Fprintf(w, `{"value":[{"id":"a"}],"@odata.nextLink":%q}`, next)
			})
			next = link(srv.URL)
			items, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
			if !reflect.DeepEqual(items, []string{`{"id":"a"}`}) {
				t.Errorf("items = %q", items)
			}
			if len(errs) != 1 || !errors.Is(errs[0], ErrForeignHost) {
				t.Fatalf("errs = %v, want one ErrForeignHost", errs)
			}
			if !strings.HasPrefix(errs[0].Error(), "next link of page 1: ") {
				t.Errorf("error = %q, want page context", errs[0])
			}
			if rec.count() != 1 || foreignHits != 0 || foreignAuth != "" {
				t.Errorf("requests: own %d, foreign %d (auth %q)", rec.count(), foreignHits, foreignAuth)
			}
		})
	}
}

func TestPagesDetectsNextLinkLoop(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		// page 2 links back to page 1's URL
		if r.URL.Query().Get("$skiptoken") == "" {
			fmt.Fprintf(w, `{"value":[{"p":1}],"@odata.nextLink":"%s%s?$skiptoken=2"}`, base, portsPath)
			return
		}
		fmt.Fprintf(w, `{"value":[{"p":2}],"@odata.nextLink":"%s%s?$skiptoken=2"}`, base, portsPath)
	})
	base = srv.URL
	items, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if !reflect.DeepEqual(items, []string{`{"p":1}`, `{"p":2}`}) {
		t.Errorf("items = %q", items)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNextLinkLoop) {
		t.Fatalf("errs = %v, want ErrNextLinkLoop", errs)
	}
	if rec.count() != 2 {
		t.Errorf("requests = %d, want 2", rec.count())
	}
}

func TestPagesErrorNamesItsPage(t *testing.T) {
	var base string
	c, _, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			fmt.Fprintf(w, `{"value":[{"p":1}],"@odata.nextLink":"%s%s?$skiptoken=2"}`, base, portsPath)
			return
		}
		w.Header().Set("Date", "Mon, 01 Jan 2024 00:00:00 GMT")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"error":{"code":"Forbidden","message":"no licence"}}`)
	})
	base = srv.URL
	items, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if len(items) != 1 || len(errs) != 1 {
		t.Fatalf("items %q errs %v", items, errs)
	}
	want := "page 2: GET " + portsPath + ": 403 Forbidden: no licence (date: " + shownDate + ")"
	if errs[0].Error() != want || !IsForbidden(errs[0]) {
		t.Errorf("err = %q, want %q (IsForbidden)", errs[0], want)
	}
}

func TestPagesMalformed(t *testing.T) {
	tests := map[string]string{
		"no value":        `{"id":"x"}`,
		"value object":    `{"value":{"id":"x"}}`,
		"truncated":       `{"value":[{"id":"x"}`,
		"not json":        `<html>oops</html>`,
		"empty body":      ``,
		"bad count":       `{"@odata.count":"many","value":[]}`,
		"bad item syntax": `{"value":[{"id":}]}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) { fmt.Fprint(w, body) })
			_, errs := collect(t, c, "/x")
			if len(errs) != 1 {
				t.Fatalf("errs = %v, want one", errs)
			}
			if !strings.HasPrefix(errs[0].Error(), "page 1: GET /v1.0/x: read response: ") {
				t.Errorf("err = %q", errs[0])
			}
			if !errors.Is(errs[0], errDecode) || rec.count() != 1 {
				t.Errorf("requests = %d, want 1 (malformed bodies are not retried)", rec.count())
			}
		})
	}
}

func TestPagesStripsAnnotationsAndCompacts(t *testing.T) {
	c, _, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprint(w, `{"value":[
		  {"@odata.type": "#t", "@odata.id": "hosts('a')", "id": "a", "note": "x @odata.id y",
		   "nested": {"@odata.etag": "W/1", "k": [1, {"@odata.context": "c"}]}, "@odata.editLink": "e"},
		  {"@odata.etag":"only"},
		  {"id":"keep spaces in strings","@odata.type":"#t"}
		],"@odata.count":"3"}`)
	})
	items, errs := collect(t, c, "/x")
	if errs != nil {
		t.Fatal(errs)
	}
	want := []string{
		`{"@odata.type":"#t","id":"a","note":"x @odata.id y","nested":{"k":[1,{}]}}`,
		`{}`,
		`{"id":"keep spaces in strings","@odata.type":"#t"}`,
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("items =\n%q\nwant\n%q", items, want)
	}
}

func TestPagesRetriesCutOffStream(t *testing.T) {
	c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 { // promise more than we send: the client sees the connection drop
			w.Header().Set("Content-Length", "1000")
			fmt.Fprint(w, `{"value":[{"id":"x"}`)
			return
		}
		fmt.Fprint(w, `{"value":[{"id":"x"}]}`)
	})
	items, errs := collect(t, c, "/x")
	if errs != nil || !reflect.DeepEqual(items, []string{`{"id":"x"}`}) {
		t.Fatalf("items %q errs %v", items, errs)
	}
	if rec.count() != 2 || len(sl.waits()) != 1 {
		t.Errorf("requests = %d, waits = %v", rec.count(), sl.waits())
	}
}

func TestPagesResolvesRelativeNextLink(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			fmt.Fprint(w, `{"value":[{"p":1}],"@odata.nextLink":"ports?$skiptoken=2"}`)
			return
		}
		fmt.Fprint(w, `{"value":[{"p":2}]}`)
	})
	items, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if errs != nil || !reflect.DeepEqual(items, []string{`{"p":1}`, `{"p":2}`}) {
		t.Fatalf("items %q errs %v", items, errs)
	}
	if got := rec.req(1).URL.RequestURI(); got != portsPath+"?$skiptoken=2" {
		t.Errorf("second request = %q", got)
	}
}

// A link back to a page already fetched is a loop however it is spelled: %24 for $,
// another query order, upper-case host.
func TestPagesDetectsRespelledNextLinkLoop(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n > 5 {
			fmt.Fprint(w, `{"value":[]}`) // give up looping, the test has failed anyway
			return
		}
		link := strings.ToUpper(base[:len("http://")]) + strings.ToUpper(base[len("http://"):]) + portsPath
		if n%2 == 0 {
			link += "?b=2&%24skiptoken=x"
		} else {
			link += "?$skiptoken=x&b=2"
		}
		fmt.Fprintf(w, `{"value":[{"p":%d}],"@odata.nextLink":"%s"}`, n, link)
	})
	base = srv.URL
	_, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if len(errs) != 1 || !errors.Is(errs[0], ErrNextLinkLoop) {
		t.Fatalf("errs = %v, want ErrNextLinkLoop", errs)
	}
	if rec.count() != 2 {
		t.Errorf("requests = %d, want 2", rec.count())
	}
}
