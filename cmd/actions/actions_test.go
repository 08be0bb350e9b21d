package actions

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

func TestCreateBodyFromFlags(t *testing.T) {
	opts := &CreateOptions{Name: "BlockIp", ActionReason: "Test", Parameters: []string{"IP=1.2.3.4", "Note=a=b"},
		Vendor: "Microsoft", Provider: "Windows Defender ATP"}
	body, err := opts.body()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(body)
	want := `{"actionReason":"Test","name":"BlockIp","parameters":[{"name":"IP","value":"1.2.3.4"},{"name":"Note","value":"a=b"}],"vendorInformation":{"provider":"Windows Defender ATP","vendor":"Microsoft"}}`
	if string(got) != want {
		t.Errorf("body %s\nwant %s", got, want)
	}
	if _, err := (&CreateOptions{Name: "x", Parameters: []string{"=v"}}).body(); cmdutil.ExitCode(err) != cmdutil.ExitUsage {
		t.Errorf("a parameter without a name: %v", err)
	}
}

func TestCreateBodyFromInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ content, err string }{
		{`{"name":"BlockIp","parameters":[{"name":"IP","value":"1.2.3.4"}],"n":12345678901234567890}`, ""},
		{`{"actionReason":"no name"}`, `"name" is required`},
		{`[1]`, "not a JSON object"},
		{`{"name":"a"}{"name":"b"}`, "found more"},
	} {
		path := filepath.Join(dir, "body.json")
		if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
			t.Fatal(err)
		}
		body, err := (&CreateOptions{Input: path}).body()
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || cmdutil.ExitCode(err) != cmdutil.ExitUsage {
				t.Errorf("%s: err %v", tc.content, err)
			}
			continue
		}
		got, _ := json.Marshal(body)
		// Numbers keep their digits: the body is sent as given.
		if err != nil || !strings.Contains(string(got), `"n":12345678901234567890`) {
			t.Errorf("%s: %s, %v", tc.content, got, err)
		}
	}
}

func TestCreateFlagsNeedANameOrAnInput(t *testing.T) {
	sharedtest.RunFlagCases(t, NewCmdCreate, []sharedtest.FlagCase[CreateOptions]{
		{Args: []string{"--action-reason", "x"}, Err: "give --name"},
		{Args: []string{"--input", "-", "--name", "x"}, Err: "--input sends its own body"},
		{Args: []string{"--name", "BlockIp", "--parameter", "IP=1.2.3.4", "--parameter", "Port=443"}, Want: CreateOptions{Parameters: []string{"IP=1.2.3.4", "Port=443"}}},
	}, func(_ testing.TB, o *CreateOptions) {
		*o = CreateOptions{Parameters: o.Parameters} // the cases speak of the parameters only
	})
}

func TestForbiddenSaysApplicationPermissionsOnly(t *testing.T) {
	forbidden := &graph.APIError{StatusCode: 403, Code: "Forbidden", Message: "no"}
	err := explain(forbidden, false)
	var fe *ForbiddenError
	if !errors.As(err, &fe) || cmdutil.ExitCode(err) != cmdutil.ExitForbidden {
		t.Fatalf("explain(403) = %v (exit %d)", err, cmdutil.ExitCode(err))
	}
	hint := cmdutil.Hint(err, writePermission)
	for _, want := range []string{"application permissions only", writePermission, "Cannot find a provider for this request"} {
		if !strings.Contains(hint, want) {
			t.Errorf("hint %q lacks %q", hint, want)
		}
	}
	notFound := &graph.APIError{StatusCode: 404}
	if explain(notFound, false) != error(notFound) {
		t.Error("a 404 was changed")
	}
}

func TestUnavailableSetIsNoNotFound(t *testing.T) {
	for _, tc := range []struct {
		status      int
		msg         string
		onSet, want bool
	}{
		{404, "x", true, true},
		{410, "x", true, true},
		{404, "No securityAction with id '1' was found.", false, false},
		{404, "Resource not found for the segment 'securityActions'.", false, true},
		{400, "Resource not found for the segment 'securityActions'.", true, true},
		{400, "The property 'name' is required.", true, false},
	} {
		err := explain(&graph.APIError{StatusCode: tc.status, Message: tc.msg}, tc.onSet)
		var u *UnavailableError
		if errors.As(err, &u) != tc.want {
			t.Errorf("%d %q onSet=%v: %v", tc.status, tc.msg, tc.onSet, err)
		}
		if tc.want && cmdutil.ExitCode(err) != cmdutil.ExitError {
			t.Errorf("%d %q: exit %d, want 1", tc.status, tc.msg, cmdutil.ExitCode(err))
		}
	}
}
