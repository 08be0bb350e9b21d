package graph

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A server answering {"value":[]} with an ever new nextLink got 104,103 requests in 30 s:
// the iteration stops after maxEmptyPages empty pages in a row.
func TestPagesStopsAfterEmptyPagesInARow(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n > 100 {
			w.WriteHeader(http.StatusGone) // the test has failed; end it
			return
		}
		fmt.Fprintf(w, `{"value":[],"@odata.nextLink":"%s%s?$skiptoken=%d"}`, base, portsPath, n+1)
	})
	base = srv.URL
	_, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if len(errs) != 1 || !errors.Is(errs[0], ErrEmptyPages) {
		t.Fatalf("errs = %v, want ErrEmptyPages", errs)
	}
	if want := "page 11: too many empty pages in a row: 10 empty pages, each with an @odata.nextLink; stopped following them"; errs[0].Error() != want {
		t.Errorf("err = %q, want %q", errs[0], want)
	}
	if rec.count() != maxEmptyPages {
		t.Errorf("requests = %d, want %d", rec.count(), maxEmptyPages)
	}
}

// Empty pages between full ones are fine: only a run of them ends the iteration.
func TestPagesToleratesSomeEmptyPages(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case n == 40:
			fmt.Fprint(w, `{"value":[{"last":true}]}`)
		case n%9 == 8: // eight empty pages, then one record
			fmt.Fprintf(w, `{"value":[{"n":%d}],"@odata.nextLink":"%s%s?$skiptoken=%d"}`, n, base, portsPath, n+1)
		default:
			fmt.Fprintf(w, `{"value":[],"@odata.nextLink":"%s%s?$skiptoken=%d"}`, base, portsPath, n+1)
		}
	})
	base = srv.URL
	items, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports"))
	if errs != nil || len(items) != 5 || rec.count() != 41 {
		t.Fatalf("items %q errs %v after %d requests", items, errs, rec.count())
	}
}

// Without --all the caller bounds the pages; one record per page never ends otherwise.
func TestPagesMaxPages(t *testing.T) {
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		fmt.Fprintf(w, `{"value":[{"n":%d}],"@odata.nextLink":"%s%s?$skiptoken=%d"}`, n, base, portsPath, n+1)
	})
	base = srv.URL
	var items int
	var errs []error
	for p, err := range c.Pages(t.Context(), TIPath("hosts", "contoso.com", "ports"), nil, MaxPages(3)) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items += len(p.Items)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooManyPages) || errs[0].Error() != "page 4: too many pages: stopped after 3" {
		t.Fatalf("errs = %v", errs)
	}
	if items != 3 || rec.count() != 3 {
		t.Errorf("items %d requests %d, want 3 and 3", items, rec.count())
	}
}

// A loop longer than the links remembered exactly is still caught, within twice its
// length, and the memory stays bounded however long the links are.
func TestPagesDetectsLongLoopInBoundedMemory(t *testing.T) {
	const period = recentLinks + 300
	var base string
	c, rec, _, srv := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n > 4*period {
			w.WriteHeader(http.StatusGone)
			return
		}
		var k int
		fmt.Sscan(r.URL.Query().Get("k"), &k)
		pad := strings.Repeat("p", 200) // long links, as the 650 MB probe sent
		fmt.Fprintf(w, `{"value":[{"k":%d}],"@odata.nextLink":"%s%s?k=%d&pad=%s"}`, k, base, portsPath, (k+1)%period, pad)
	})
	base = srv.URL
	_, errs := collect(t, c, TIPath("hosts", "contoso.com", "ports")+"?k=0")
	if len(errs) != 1 || !errors.Is(errs[0], ErrNextLinkLoop) {
		t.Fatalf("errs = %v, want ErrNextLinkLoop", errs)
	}
	if n := rec.count(); n <= period || n > 3*period+1 {
		t.Errorf("requests = %d, want the loop of %d caught within three times its length", n, period)
	}
}

func TestLoopDetectorMemoryIsBounded(t *testing.T) {
	var d loopDetector
	for i := range 10 * recentLinks {
		if d.seen(fmt.Sprintf("https://g/x?%d", i)) {
			t.Fatalf("key %d reported as seen", i)
		}
	}
	if len(d.ring) != recentLinks || len(d.set) != recentLinks {
		t.Errorf("ring %d set %d, want %d each", len(d.ring), len(d.set), recentLinks)
	}
	if !d.seen(fmt.Sprintf("https://g/x?%d", 10*recentLinks-1)) {
		t.Error("a recent key must be found")
	}
}
