package sharedtest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// fakeOptions are a command's options: one dependency and one flag.
type fakeOptions struct {
	IO   *int
	Name string
}

// newCmdFake takes --name and no arguments; --name bad fails before runF, --name late
// fails after runF ran.
func newCmdFake(_ *cmdutil.Factory, runF func(context.Context, *fakeOptions) error) *cobra.Command {
	opts := &fakeOptions{IO: new(int)}
	c := &cobra.Command{Use: "fake", Args: cobra.NoArgs, RunE: func(c *cobra.Command, _ []string) error {
		if opts.Name == "bad" {
			return errors.New("bad name")
		}
		if err := runF(c.Context(), opts); err != nil {
			return err
		}
		if opts.Name == "late" {
			return errors.New("late failure")
		}
		return nil
	}}
	c.Flags().StringVar(&opts.Name, "name", "", "a name")
	return c
}

func clearFake(t testing.TB, o *fakeOptions) {
	if o.IO == nil {
		t.Errorf("dependencies not passed")
	}
	o.IO = nil
}

// recorder is a testing.TB that records failures instead of failing the test; Fatalf ends
// the goroutine, as testing's own does. Methods it does not override panic (nil TB).
type recorder struct {
	testing.TB
	failures []string
	fatal    bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	runtime.Goexit()
}

// check runs one case against the fake command on a recorder, in its own goroutine so a
// Fatalf can end it.
func check(c FlagCase[fakeOptions], clear func(testing.TB, *fakeOptions)) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		checkFlagCase(r, newCmdFake, c, clear)
	}()
	<-done
	return r
}

func TestFlagCasePassesWhenTheCommandDoesWhatTheCaseSays(t *testing.T) {
	for _, c := range []FlagCase[fakeOptions]{
		{Args: []string{"--name", "x"}, Want: fakeOptions{Name: "x"}},
		{Args: []string{}, Want: fakeOptions{}},
		{Args: []string{"--name", "bad"}, Err: "bad name"},
		{Args: []string{"extra"}, Err: `unknown command "extra"`},
	} {
		if r := check(c, clearFake); len(r.failures) != 0 {
			t.Errorf("%q: failed: %q", c.Args, r.failures)
		}
	}
}

func TestFlagCaseFailsWhenTheCommandDoesNot(t *testing.T) {
	for _, tt := range []struct {
		name  string
		c     FlagCase[fakeOptions]
		clear func(testing.TB, *fakeOptions)
		want  string // a part of the one failure
		fatal bool
	}{
		{"options differ", FlagCase[fakeOptions]{Args: []string{"--name", "x"}, Want: fakeOptions{Name: "y"}}, clearFake,
			`["--name" "x"]: options {IO:<nil> Name:x}, want {IO:<nil> Name:y}`, false},
		{"dependencies left in", FlagCase[fakeOptions]{Args: []string{"--name", "x"}, Want: fakeOptions{Name: "x"}}, nil,
			"want {IO:<nil> Name:x}", false},
		{"clear finds no dependencies", FlagCase[fakeOptions]{Args: []string{}}, func(t testing.TB, o *fakeOptions) {
			o.IO = nil
			clearFake(t, o)
		}, "dependencies not passed", false},
		{"expected error does not come", FlagCase[fakeOptions]{Args: []string{"--name", "x"}, Err: "bad name"}, clearFake,
			`["--name" "x"]: error <nil>, want "bad name" and no run`, false},
		{"another error comes", FlagCase[fakeOptions]{Args: []string{"--name", "bad"}, Err: "unknown flag"}, clearFake,
			`error bad name, want "unknown flag" and no run`, false},
		{"expected error comes after runF ran", FlagCase[fakeOptions]{Args: []string{"--name", "late"}, Err: "late failure"}, clearFake,
			`error late failure, want "late failure" and no run`, false},
		{"unexpected error", FlagCase[fakeOptions]{Args: []string{"--name", "bad"}, Want: fakeOptions{Name: "bad"}}, clearFake,
			`["--name" "bad"]: bad name`, true},
		{"unexpected error after runF ran", FlagCase[fakeOptions]{Args: []string{"--name", "late"}, Want: fakeOptions{Name: "late"}}, clearFake,
			`["--name" "late"]: late failure`, true},
	} {
		r := check(tt.c, tt.clear)
		if len(r.failures) != 1 || !strings.Contains(r.failures[0], tt.want) || r.fatal != tt.fatal {
			t.Errorf("%s: failures %q (fatal %v), want one with %q (fatal %v)", tt.name, r.failures, r.fatal, tt.want, tt.fatal)
		}
	}
}

// Every case runs, each on a command of its own.
func TestRunFlagCasesRunsEveryCase(t *testing.T) {
	built := 0
	newCmd := func(f *cmdutil.Factory, runF func(context.Context, *fakeOptions) error) *cobra.Command {
		built++
		return newCmdFake(f, runF)
	}
	RunFlagCases(t, newCmd, []FlagCase[fakeOptions]{
		{Args: []string{"--name", "x"}, Want: fakeOptions{Name: "x"}},
		{Args: []string{"--name", "bad"}, Err: "bad name"},
		{Args: []string{"--name", "y"}, Want: fakeOptions{Name: "y"}},
	}, clearFake)
	if built != 3 {
		t.Errorf("%d commands built for 3 cases", built)
	}
}

func TestClearDepsChecksThenZeroes(t *testing.T) {
	f := Factory()
	d := shared.NewDeps(f)
	r := &recorder{}
	ClearDeps(r, &d)
	if len(r.failures) != 0 || d.IO != nil || d.Flags != nil || d.Config != nil || d.GraphClient != nil {
		t.Errorf("with dependencies: failures %q, left %+v", r.failures, d)
	}
	d = shared.Deps{IO: f.IOStreams}
	ClearDeps(r, &d)
	if len(r.failures) != 1 || r.failures[0] != "dependencies not passed" {
		t.Errorf("without global flags: failures %q", r.failures)
	}
}

func TestClearClockChecksThenZeroes(t *testing.T) {
	now := time.Now
	r := &recorder{}
	ClearClock(r, &now)
	if len(r.failures) != 0 || now != nil {
		t.Errorf("with a clock: failures %q, clock left %v", r.failures, now != nil)
	}
	ClearClock(r, &now)
	if len(r.failures) != 1 || r.failures[0] != "no clock" {
		t.Errorf("without a clock: failures %q", r.failures)
	}
}
