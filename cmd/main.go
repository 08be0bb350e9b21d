// Package cmd builds the mdti command tree and maps errors to exit codes.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// Main runs mdti with the process's arguments, streams and environment and returns the
// exit code. It is the only code that touches process state.
func Main() int {
	// SIGQUIT too: Go's default prints a goroutine dump, which can quote request data.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGQUIT)
	defer stop()
	return Run(ctx, os.Args[1:], iostreams.System(os.Getenv), os.Getenv)
}

// Run executes one mdti invocation; tests call it with their own streams and environment.
func Run(ctx context.Context, args []string, ios *iostreams.IOStreams, getenv func(string) string) (code int) {
	// A bug must not print a goroutine dump, which can quote request data, to a CI log.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(ios.ErrOut, "mdti: internal error: %s\nPlease report it with the command you ran.\n", sanitizeLines(fmt.Sprint(r)))
			code = cmdutil.ExitError
		}
	}()
	ios.StopInputOn(ctx)
	root, f, cleanup := newRoot(ios, getenv, args)
	defer cleanup()
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	failed, err := root.ExecuteContextC(ctx)
	if err == nil {
		return cmdutil.ExitOK
	}
	if failed == nil {
		failed = root
	}
	if ctx.Err() != nil {
		err = fmt.Errorf("%w: %w", context.Canceled, err)
	}
	if isCobraArgsError(err) {
		// cobra's own checks of arguments and flag groups, which it returns untyped, with
		// its "Did you mean" hint, or the way to what a vt user meant by `mdti ip`.
		err = suggestCommand(&cmdutil.FlagError{Err: err}, args)
	}
	err = redactUsage(err)
	printError(f, failed, err)
	return cmdutil.ExitCode(err)
}

// printError prints err once, with a hint where one helps. Errors already reported per
// input, and threshold results the summary line already told, print nothing more. failed
// is the command cobra ran or tried to run, so the usage pointer names it
// (`mdti reputation --help`), not the root.
func printError(f *cmdutil.Factory, failed *cobra.Command, err error) {
	var silent *cmdutil.SilentError
	if errors.As(err, &silent) {
		return
	}
	w := f.IOStreams.ErrOut
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "mdti: interrupted")
		return
	}
	fmt.Fprintf(w, "mdti: %s\n", sanitizeLines(err.Error()))
	if hint := cmdutil.Hint(err, cmdutil.Permission(failed)); hint != "" {
		fmt.Fprintf(w, "hint: %s\n", hint)
	}
	var flagErr *cmdutil.FlagError
	if errors.As(err, &flagErr) && isCobraUsage(err) {
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", failed.CommandPath())
	}
}

// isCobraUsage reports errors about flags and arguments, after which a usage pointer helps.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"flag", "argument", "accepts", "unknown command", "requires"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// sanitizeLines strips control characters from an error message that may quote API data,
// keeping its line breaks (an input error lists one problem per line).
func sanitizeLines(msg string) string {
	lines := strings.Split(strings.TrimRight(msg, "\n"), "\n")
	for i, l := range lines {
		lines[i] = render.Sanitize(l)
	}
	return strings.Join(lines, "\n")
}
