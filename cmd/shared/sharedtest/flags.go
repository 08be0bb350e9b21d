package sharedtest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// FlagCase is one invocation in a flag test: the arguments, and either the options the
// command hands its runF hook (Want, flag values only) or a part of the error it must fail
// with before runF runs (Err).
type FlagCase[O any] struct {
	Args []string
	Want O
	Err  string
}

// NewCmd is the shape of every command constructor: NewCmdX(f, runF).
type NewCmd[O any] func(f *cmdutil.Factory, runF func(context.Context, *O) error) *cobra.Command

// RunFlagCases runs each case as a subtest, on a fresh command built by newCmd from a fresh
// Factory. A case with Err must fail with an error containing it and never reach runF; any
// other must reach runF without error, with options equal to Want once clear has checked
// the dependencies were passed and zeroed them. A nil clear compares the options as they are.
func RunFlagCases[O any](t *testing.T, newCmd NewCmd[O], cases []FlagCase[O], clear func(t testing.TB, o *O)) {
	t.Helper()
	for _, c := range cases {
		t.Run(fmt.Sprint(c.Args), func(t *testing.T) {
			t.Helper()
			checkFlagCase(t, newCmd, c, clear)
		})
	}
}

// checkFlagCase is one case of RunFlagCases, on a testing.TB so a fake can see it fail.
func checkFlagCase[O any](t testing.TB, newCmd NewCmd[O], c FlagCase[O], clear func(t testing.TB, o *O)) {
	t.Helper()
	var got *O
	err := Execute(newCmd(Factory(), func(_ context.Context, o *O) error {
		got = o
		return nil
	}), c.Args...)
	if c.Err != "" {
		if err == nil || !strings.Contains(err.Error(), c.Err) || got != nil {
			t.Errorf("%q: error %v, want %q and no run", c.Args, err, c.Err)
		}
		return
	}
	if err != nil || got == nil {
		t.Fatalf("%q: %v", c.Args, err)
	}
	if clear != nil {
		clear(t, got)
	}
	if !reflect.DeepEqual(*got, c.Want) {
		t.Errorf("%q: options %+v, want %+v", c.Args, *got, c.Want)
	}
}

// ClearDeps checks that a lookup command's options got the factory's streams and global
// flags, then zeroes its dependencies: a clear for RunFlagCases.
func ClearDeps(t testing.TB, d *shared.Deps) {
	t.Helper()
	if d.IO == nil || d.Flags == nil {
		t.Errorf("dependencies not passed")
	}
	*d = shared.Deps{}
}

// ClearClock checks that a command's options got a clock, then zeroes it: functions never
// compare equal, so Want holds none.
func ClearClock(t testing.TB, now *func() time.Time) {
	t.Helper()
	if *now == nil {
		t.Errorf("no clock")
	}
	*now = nil
}
