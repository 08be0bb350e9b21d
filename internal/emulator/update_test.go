package emulator

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator/secops"
)

// The control-profile PATCH follows its page: 204 without Prefer, 200 and the profile
// with Prefer: return=representation, the change recorded in controlStateUpdates, and a
// body without vendorInformation's provider and vendor refused.
func TestControlProfilePatchFollowsItsPage(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	const path = "/v1.0/security/secureScoreControlProfiles/NonOwnerAccess"
	var docBody string
	for _, ex := range secops.Examples() {
		if ex.Method == "PATCH" && strings.Contains(ex.Path, "secureScoreControlProfiles") && ex.Prefer == "" {
			docBody = ex.Body
		}
	}
	if docBody == "" {
		t.Fatal("no documented control profile PATCH")
	}
	if r := send(t, srv, http.MethodPatch, path, docBody); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("PATCH without Prefer: %d %s, want 204 and no body", r.status, r.body)
	}
	got := get(t, srv, path).json(t)
	updates, _ := got["controlStateUpdates"].([]any)
	last, _ := updates[len(updates)-1].(map[string]any)
	if last["state"] != "Reviewed" || last["comment"] != "control is reviewed" || last["updatedBy"] != CommentAuthor {
		t.Errorf("newest controlStateUpdates entry = %v", last)
	}
	if _, ok := got["state"]; ok {
		t.Error("state must stay out of the profile's top level")
	}

	req, _ := http.NewRequest(http.MethodPatch, srv.URL+path, strings.NewReader(`{"state":"Ignored","vendorInformation":{"provider":"SecureScore","vendor":"Microsoft"}}`))
	req.Header.Set("Authorization", "Bearer good-token")
	req.Header.Set("Prefer", "return=representation")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"state":"Ignored"`) {
		t.Errorf("PATCH with Prefer: %d %s", resp.StatusCode, b)
	}

	for body, want := range map[string]string{
		`{"state":"Reviewed"}`: "vendorInformation",
		`{"state":"Reviewed","vendorInformation":{"provider":"SecureScore"}}`:                      "vendorInformation",
		`{"state":"reviewed","vendorInformation":{"provider":"SecureScore","vendor":"Microsoft"}}`: "Invalid state",
		`{"title":"x","vendorInformation":{"provider":"SecureScore","vendor":"Microsoft"}}`:        "cannot be updated",
	} {
		if r := send(t, srv, http.MethodPatch, path, body); r.status != 400 || !strings.Contains(string(r.body), want) {
			t.Errorf("PATCH %s: %d %s, want 400 naming %q", body, r.status, r.body, want)
		}
	}
}

func TestSetPageSize(t *testing.T) {
	emu, srv := newTestServer(t, Options{})
	emu.SetPageSize(2)
	m := get(t, srv, "/v1.0/security/incidents").json(t)
	if n := len(values(t, m)); n != 2 || m["@odata.nextLink"] == nil {
		t.Fatalf("page of %d, nextLink %v; want 2 and a link", n, m["@odata.nextLink"])
	}
	emu.SetPageSize(0)
	if n := len(values(t, get(t, srv, "/v1.0/security/incidents").json(t))); n <= 2 {
		t.Fatalf("page of %d after SetPageSize(0), want the default", n)
	}
}
