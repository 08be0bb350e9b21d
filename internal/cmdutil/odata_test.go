package cmdutil

import "testing"

func TestODataValuesLeavesOutEmptyOptions(t *testing.T) {
	got := OData{Filter: "recordType eq 'A'", OrderBy: "lastSeenDateTime desc"}.Values().Encode()
	if want := "%24filter=recordType+eq+%27A%27&%24orderby=lastSeenDateTime+desc"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if q := (OData{}).Values(); len(q) != 0 {
		t.Errorf("empty options gave %v", q)
	}
}
