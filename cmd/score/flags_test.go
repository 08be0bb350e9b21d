package score

import (
	"context"
	"reflect"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

func TestControlFlags(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		writing bool
		perm    string
	}{
		{[]string{"AdminMFA"}, false, readPermission},
		{[]string{"AdminMFA", "--state", "reviewed"}, true, writePermission},
		{[]string{"AdminMFA", "--comment", ""}, true, writePermission},
		{[]string{"AdminMFA", "--assign-to", "x"}, true, writePermission},
	} {
		var got *ControlOptions
		c := NewCmdControl(sharedtest.Factory(), func(_ context.Context, o *ControlOptions) error {
			got = o
			return nil
		})
		if err := sharedtest.Execute(c, tt.args...); err != nil || got == nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if got.Writing != tt.writing || !reflect.DeepEqual(got.Args, []string{"AdminMFA"}) {
			t.Errorf("%q: options %+v", tt.args, got)
		}
		// A 403 names the permission of what ran: reading or writing.
		if p := cmdutil.Permission(c); p != tt.perm {
			t.Errorf("%q: permission %q, want %q", tt.args, p, tt.perm)
		}
	}
	var controls *ControlsOptions
	if err := sharedtest.Execute(NewCmdControls(sharedtest.Factory(), func(_ context.Context, o *ControlsOptions) error {
		controls = o
		return nil
	}), "--service", "EXO", "--filter", "tier eq 'Core'"); err != nil || controls.Service != "EXO" || controls.Filter != "tier eq 'Core'" {
		t.Errorf("controls: %+v, %v", controls, err)
	}
}
