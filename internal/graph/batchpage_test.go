package graph

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// A collection whose page 1 came in a $batch goes on from its nextLink as page 2: a link
// back to page 1 is a loop, and errors count pages from there.
func TestPagesAfterFirstPage(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprintf(w, `{"value":[{"p":2}],"@odata.nextLink":"%s%s?$top=5"}`, base, portsPath)
	})
	base = srv.URL
	ports := TIPath("hosts", "contoso.com", "ports") // relative to the version root
	first := RelativeURL(ports, url.Values{"$top": {"5"}})
	if first != ports+"?$top=5" {
		t.Fatalf("RelativeURL = %q", first)
	}
	var items []string
	var errs []error
	for p, err := range c.Pages(t.Context(), base+portsPath+"?$skiptoken=2", nil, AfterFirstPage(first)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, it := range p.Items {
			items = append(items, string(it))
		}
	}
	if !reflect.DeepEqual(items, []string{`{"p":2}`}) || rec.count() != 1 {
		t.Errorf("items %q after %d requests, want page 2 alone", items, rec.count())
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNextLinkLoop) || !strings.HasPrefix(errs[0].Error(), "page 3: ") {
		t.Fatalf("errs = %v, want a loop found at page 3", errs)
	}
}

// A nextLink to another host, given as page 1's, is refused before it is fetched, named
// as Pages names it.
func TestPagesAfterFirstPageRefusesAForeignLink(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {})
	for _, err := range c.Pages(t.Context(), "https://elsewhere.test/v1.0/x", nil, AfterFirstPage(TIPath("hosts", "contoso.com", "ports"))) {
		if !errors.Is(err, ErrForeignHost) || !strings.HasPrefix(err.Error(), "next link of page 1: ") {
			t.Errorf("err = %v, want a foreign host refused as page 1's next link", err)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests sent", rec.count())
	}
}

func TestDecodePageSaysMore(t *testing.T) {
	p, next, err := DecodePage([]byte(`{"value":[{"a":1}],"@odata.nextLink":"https://g/v1.0/x?$skip=1","@odata.count":3}`))
	if err != nil || !p.More || next != "https://g/v1.0/x?$skip=1" || p.Count == nil || *p.Count != 3 || len(p.Items) != 1 {
		t.Errorf("DecodePage = %+v, %q, %v", p, next, err)
	}
	if _, _, err := DecodePage([]byte(`{"id":"x"}`)); err == nil {
		t.Error("an entity decoded as a page")
	}
}
