package cmd_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/emulator/secops"
)

// The documented entities the {id} of the tiIndicator and securityAction pages stands for.
const (
	docIndicatorID = "e58c072b-c9bb-a5c4-34ce-eb69af44fb1e"
	docActionID    = "1234567890"
)

// tiExample is how mdti sends one documented request: its arguments, stdin, and the exit
// code the emulator's answer gives.
type tiExample struct {
	args  []string
	stdin string
	exit  int
}

// Every documented example of the nine tiIndicator and four securityAction pages
// round-trips through mdti: the matching command, run against the emulator (plain and with
// the documentation's literal payloads) under --api-version v1.0, sends the documented
// method and beta path, the documented body, and prints the documented ids of what it reads.
func TestIndicatorAndActionExamplesRoundTripThroughMdti(t *testing.T) {
	n := 0
	for _, ex := range secops.Examples() {
		if !strings.HasPrefix(ex.Path, "/security/tiIndicators") && !strings.HasPrefix(ex.Path, "/security/securityActions") {
			continue
		}
		run, ok := tiExampleCommand(t, ex)
		if !ok {
			t.Errorf("%s %s %s: no mdti command maps to it", ex.Page, ex.Method, ex.Path)
			continue
		}
		for _, literal := range []bool{false, true} {
			n++
			checkTIExample(t, ex, run, ex.Body, literal)
		}
	}
	if n != 2*14 {
		t.Errorf("%d runs, want 28 (14 examples of 13 pages, two modes)", n)
	}
}

// The submitTiIndicators example sends no "action", which the page itself requires: mdti
// refuses it as printed (exit 2, nothing sent), and sends it with the action added by
// --action, everything else as documented.
func TestSubmitExampleWithoutActionIsRefusedThenSentWithIt(t *testing.T) {
	for _, ex := range secops.Examples() {
		if !strings.HasSuffix(ex.Path, "/submitTiIndicators") {
			continue
		}
		emu := emulator.New(emulator.Options{Seed: 1})
		srv := httptest.NewServer(emu)
		code, out, errOut := runInProcess(t, srv.URL, ex.Body, false, "indicators", "submit", "-i", "-", "-o", "json")
		srv.Close()
		if code != 2 || out != "" || !strings.Contains(errOut, "record 1: missing required property action") || len(emu.Requests()) != 0 {
			t.Errorf("as printed: exit %d, stdout %q, stderr %q, %d requests", code, out, errOut, len(emu.Requests()))
		}
		checkTIExample(t, ex, tiExample{args: []string{"indicators", "submit", "-i", "-", "--action", "alert"}, stdin: ex.Body}, withAction(t, ex.Body, "alert"), false)
		return
	}
	t.Fatal("no submitTiIndicators example")
}

func withAction(t *testing.T, body, action string) string {
	t.Helper()
	var b struct {
		Value []map[string]any `json:"value"`
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	for _, it := range b.Value {
		it["action"] = action
	}
	out, _ := json.Marshal(b)
	return string(out)
}

// tiExampleCommand maps a documented request to the mdti invocation that sends it.
func tiExampleCommand(t *testing.T, ex secops.Example) (tiExample, bool) {
	t.Helper()
	ti := strings.HasPrefix(ex.Path, "/security/tiIndicators")
	action := strings.TrimPrefix(strings.TrimPrefix(ex.Path, "/security/tiIndicators"), "/security/securityActions")
	switch {
	case ti && ex.Method == "GET" && action == "":
		return tiExample{args: []string{"indicators", "list"}}, true
	case ti && ex.Method == "GET" && action == "/{id}":
		return tiExample{args: []string{"indicators", "get", docIndicatorID}}, true
	case ti && ex.Method == "POST" && action == "":
		return tiExample{args: []string{"indicators", "submit", "-i", "-"}, stdin: ex.Body}, true
	case ti && ex.Method == "PATCH":
		return tiExample{args: append([]string{"indicators", "update", docIndicatorID}, tiUpdateFlags(t, ex.Body)...)}, true
	case ti && ex.Method == "DELETE":
		return tiExample{args: []string{"indicators", "delete", docIndicatorID, "--yes"}}, true
	case ti && action == "/submitTiIndicators":
		// As printed it lacks action: TestSubmitExampleWithoutActionIsRefusedThenSentWithIt.
		return tiExample{args: []string{"indicators", "submit", "-i", "-"}, stdin: ex.Body, exit: 2}, true
	case ti && action == "/updateTiIndicators":
		return tiExample{args: []string{"indicators", "update", "-i", "-"}, stdin: ex.Body}, true
	case ti && action == "/deleteTiIndicators":
		// The page's ids are placeholders that name no indicator: 206, each a 404 (exit 1).
		return tiExample{args: append([]string{"indicators", "delete", "--yes"}, bodyValues(t, ex.Body)...), exit: 1}, true
	case ti && action == "/deleteTiIndicatorsByExternalId":
		return tiExample{args: append([]string{"indicators", "delete", "--external-id", "--yes"}, bodyValues(t, ex.Body)...), exit: 1}, true
	case !ti && ex.Method == "GET" && action == "":
		return tiExample{args: []string{"actions", "list"}}, true
	case !ti && ex.Method == "GET" && action == "/{id}":
		return tiExample{args: []string{"actions", "get", docActionID}}, true
	case !ti && ex.Method == "POST" && action == "":
		var b struct {
			Name, ActionReason string
			Parameters         []struct{ Name, Value string }
			VendorInformation  struct{ Provider, Vendor string }
		}
		if err := json.Unmarshal([]byte(ex.Body), &b); err != nil {
			t.Fatal(err)
		}
		args := []string{"actions", "create", "--name", b.Name, "--action-reason", b.ActionReason,
			"--vendor", b.VendorInformation.Vendor, "--provider", b.VendorInformation.Provider}
		for _, p := range b.Parameters {
			args = append(args, "--parameter", p.Name+"="+p.Value)
		}
		return tiExample{args: args}, true
	case !ti && action == "/{id}/cancelSecurityAction":
		return tiExample{args: []string{"actions", "cancel", docActionID}}, true
	}
	return tiExample{}, false
}

// tiUpdateFlags turns a documented PATCH body into the flags that send it.
func tiUpdateFlags(t *testing.T, body string) []string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	var args []string
	for k, flag := range map[string]string{"description": "--description", "additionalInformation": "--additional-information"} {
		if v, ok := m[k].(string); ok {
			args = append(args, flag, v)
		}
	}
	if v, ok := m["confidence"].(float64); ok {
		args = append(args, "--confidence", strconv.FormatFloat(v, 'f', -1, 64))
	}
	if len(args) != 2*len(m) {
		t.Fatalf("PATCH body %s has properties no flag sends", body)
	}
	return args
}

// bodyValues are the strings of a {"value": [...]} body.
func bodyValues(t *testing.T, body string) []string {
	t.Helper()
	var b struct{ Value []string }
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	return b.Value
}

func checkTIExample(t *testing.T, ex secops.Example, run tiExample, wantBody string, literal bool) {
	t.Helper()
	emu := emulator.New(emulator.Options{Seed: 1, DocsLiteral: literal})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	args := append(append([]string{}, run.args...), "--api-version", "v1.0", "-o", "json")
	name := strings.Join(args, " ")
	if literal {
		name += " (docs literal)"
	}
	code, out, errOut := runInProcess(t, srv.URL, run.stdin, false, args...)
	if code != run.exit {
		t.Errorf("%s: exit %d, want %d: %s", name, code, run.exit, errOut)
		return
	}
	if strings.Count(errOut, "announced its removal for April 2026") != btoi(strings.HasPrefix(run.args[0], "indicators")) {
		t.Errorf("%s: the deprecation note is not printed once: %q", name, errOut)
	}
	if run.exit == 2 {
		if len(emu.Requests()) != 0 {
			t.Errorf("%s: a refused input sent %d requests", name, len(emu.Requests()))
		}
		return
	}
	docPath := strings.ReplaceAll(ex.Path, "{id}", docIndicatorID)
	if strings.HasPrefix(ex.Path, "/security/securityActions") {
		docPath = strings.ReplaceAll(ex.Path, "{id}", docActionID)
	}
	sent := findRequest(emu, secops.Example{Method: ex.Method, Path: docPath}, "beta")
	if sent == nil {
		t.Errorf("%s: no %s /beta%s among %v", name, ex.Method, docPath, requestLines(emu))
		return
	}
	if wantBody != "" && !sameBody(t, wantBody, sent.Body) {
		t.Errorf("%s: body %s, documented %s", name, sent.Body, wantBody)
	}
	if ex.Body == "" && len(sent.Body) != 0 {
		t.Errorf("%s: sent a body %s where the page sends none", name, sent.Body)
	}
	// Graph assigns the ids of what is created; what is read prints its documented ids.
	if ex.Method != "GET" && !strings.HasSuffix(ex.Path, "/updateTiIndicators") {
		return
	}
	for _, id := range documentedIDs(t, ex.Response) {
		if !placeholder(id) && !strings.Contains(out, `"id": "`+id+`"`) {
			t.Errorf("%s: output lacks the documented id %q", name, id)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
