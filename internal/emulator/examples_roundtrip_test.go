package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator/secops"
)

// TestIndicatorAndActionExamplesRoundTrip sends every documented tiIndicator and
// securityAction request to a fresh emulator and checks the documented status. {id} is a
// documented entity. The two delete pages send placeholder ids ("id-value1") that name no
// indicator, so they answer 206 with a 404 resultInfo per id rather than the page's 200. The
// submit example sends no action, which the page itself requires: it answers 200 only in
// DocsLiteral mode, 206 by default.
func TestIndicatorAndActionExamplesRoundTrip(t *testing.T) {
	for _, literal := range []bool{false, true} {
		roundTrip(t, literal)
	}
}

func roundTrip(t *testing.T, literal bool) {
	n := 0
	for _, ex := range secops.Examples() {
		isTI := strings.HasPrefix(ex.Path, "/security/tiIndicators")
		if !isTI && !strings.HasPrefix(ex.Path, "/security/securityActions") {
			continue
		}
		n++
		id := "1234567890"
		if isTI {
			id = "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e"
		}
		path := "/" + ex.Version + strings.ReplaceAll(ex.Path, "{id}", id)
		_, srv := newTestServer(t, Options{DocsLiteral: literal})
		req, _ := http.NewRequest(ex.Method, srv.URL+path, strings.NewReader(ex.Body))
		req.Header.Set("Authorization", "Bearer t")
		if ex.Prefer != "" {
			req.Header.Set("Prefer", ex.Prefer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := ex.Status
		if strings.HasSuffix(ex.Path, "/deleteTiIndicators") || strings.HasSuffix(ex.Path, "/deleteTiIndicatorsByExternalId") {
			want = http.StatusPartialContent
		}
		if strings.HasSuffix(ex.Path, "/submitTiIndicators") && !literal {
			want = http.StatusPartialContent
		}
		if resp.StatusCode != want {
			t.Errorf("literal=%v %s %s (%s): %d, want %d", literal, ex.Method, path, ex.Page, resp.StatusCode, want)
		}
	}
	if n != 14 {
		t.Errorf("%d examples, want 14 (9 tiIndicator pages, 4 securityAction pages)", n)
	}
}
